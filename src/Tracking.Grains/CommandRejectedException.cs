namespace Tracking.Grains;

/// <summary>The domain refused a command (bad amounts, a conflicting item, ...); nothing was written.</summary>
public sealed class CommandRejectedException(string reason) : Exception(reason);
