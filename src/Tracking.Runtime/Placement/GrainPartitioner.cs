using System.Text;

namespace Tracking.Runtime.Placement;

/// <summary>
/// Maps a grain to one of a fixed number of partitions by a stable hash of its identity. The
/// partition is stored with every row, so the count must not change once a cluster has data.
/// </summary>
public sealed class GrainPartitioner
{
    private const ulong FnvOffset = 14695981039346656037;
    private const ulong FnvPrime = 1099511628211;

    public GrainPartitioner(int partitionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        PartitionCount = partitionCount;
    }

    public int PartitionCount { get; }

    public int PartitionOf(GrainId grain)
    {
        // FNV-1a over UTF-8, not string.GetHashCode: the value must be the same in every process.
        var hash = Hash(FnvOffset, grain.Type);
        hash = (hash ^ 0xFF) * FnvPrime;
        hash = Hash(hash, grain.Key);
        return (int)(hash % (ulong)PartitionCount);
    }

    private static ulong Hash(ulong hash, string text)
    {
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetMaxByteCount(text.Length) <= buffer.Length ? buffer : new byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        var length = Encoding.UTF8.GetBytes(text, bytes);
        foreach (var b in bytes[..length])
        {
            hash = (hash ^ b) * FnvPrime;
        }

        return hash;
    }
}
