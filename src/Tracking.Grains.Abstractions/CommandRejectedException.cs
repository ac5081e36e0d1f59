namespace Tracking.Grains;

/// <summary>The domain refused a command (bad amounts, a conflicting item, ...); nothing was written.</summary>
[GenerateSerializer, Alias("command-rejected")]
public sealed class CommandRejectedException : Exception
{
    public CommandRejectedException(string reason)
        : base(reason)
    {
    }
}
