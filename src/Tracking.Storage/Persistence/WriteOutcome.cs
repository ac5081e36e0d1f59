namespace Tracking.Storage.Persistence;

/// <summary>What became of one write in a batch; one bad write never fails the others.</summary>
public abstract record WriteOutcome
{
    private WriteOutcome()
    {
    }

    public sealed record Written(long Version) : WriteOutcome;

    /// <summary>The stored version was not the expected one: another writer got there first.</summary>
    public sealed record Conflict : WriteOutcome;

    public sealed record Failed(Exception Error) : WriteOutcome;

    public static readonly WriteOutcome ConflictOutcome = new Conflict();
}
