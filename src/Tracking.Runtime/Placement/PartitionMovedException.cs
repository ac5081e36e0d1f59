namespace Tracking.Runtime.Placement;

/// <summary>
/// This silo does not (or no longer) hold the lease of the grain's partition, so nothing was
/// committed; the call is retried where the partition lives now.
/// </summary>
public sealed class PartitionMovedException(GrainId grain, int partition)
    : Exception($"Partition {partition} of grain {grain} is not held by this silo (lease moved or lost); nothing was committed.")
{
    public int Partition { get; } = partition;
}
