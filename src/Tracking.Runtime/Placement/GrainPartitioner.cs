namespace Tracking.Runtime.Placement;

/// <summary>
/// Maps a grain to one of a fixed number of partitions by a stable hash of its identity. The
/// partition is stored with every row, so the count must not change once a cluster has data.
/// </summary>
public sealed class GrainPartitioner
{
    public GrainPartitioner(int partitionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        PartitionCount = partitionCount;
    }

    public int PartitionCount { get; }

    public int PartitionOf(GrainId grain) => (int)(StableHash.Of(grain.Type, grain.Key) % (ulong)PartitionCount);
}
