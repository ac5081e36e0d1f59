namespace Tracking.Runtime.Placement;

/// <summary>
/// A partition's lease as the store saw it: who holds it (null: nobody), at which epoch, and how
/// long it has left by the store's clock (zero or less: expired).
/// </summary>
public sealed record PartitionLease(int Partition, string? Owner, long Epoch, TimeSpan Remaining)
{
    public bool IsFree => Owner is null || Remaining <= TimeSpan.Zero;
}
