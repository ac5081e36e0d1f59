namespace Tracking.Runtime.Placement;

/// <summary>
/// The lease a write is made under: the store commits the write only if <paramref name="Silo"/>
/// still holds the written partition's lease at <paramref name="Epoch"/> and it has not expired.
/// </summary>
public sealed record LeaseFence(string Silo, long Epoch);
