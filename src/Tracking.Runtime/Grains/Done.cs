namespace Tracking.Runtime;

/// <summary>The result of a call that has nothing to return but its completion.</summary>
public sealed record Done
{
    public static readonly Done Instance = new();

    private Done()
    {
    }
}
