namespace Tracking.Runtime.Persistence;

/// <summary>What became of one write in a batch; one bad write never fails the others.</summary>
public abstract record WriteOutcome
{
    private WriteOutcome()
    {
    }

    public sealed record Written(long Version) : WriteOutcome;

    /// <summary>The stored version was not the expected one: another writer got there first.</summary>
    public sealed record Conflict : WriteOutcome;

    /// <summary>The writer no longer holds the partition's lease at its epoch: nothing was written.</summary>
    public sealed record Fenced : WriteOutcome;

    public sealed record Failed(Exception Error) : WriteOutcome;

    public static readonly WriteOutcome ConflictOutcome = new Conflict();

    public static readonly WriteOutcome FencedOutcome = new Fenced();
}
