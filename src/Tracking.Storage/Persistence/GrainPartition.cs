using System.Text;

namespace Tracking.Storage.Persistence;

/// <summary>
/// The partition stored with every row of a grain: a stable hash of its identity (FNV-1a over
/// UTF-8, the same in every process), so the tables can be sharded by it (e.g. Citus) without
/// changing what a transaction covers. The count is fixed once data exists.
/// </summary>
public static class GrainPartition
{
    public const int Count = 256;

    private const uint Offset = 2166136261;
    private const uint Prime = 16777619;

    public static int Of(GrainKey grain)
    {
        var hash = Add(Offset, grain.Type);
        hash = (hash ^ 0xFF) * Prime;
        return (int)(Add(hash, grain.Key) % Count);
    }

    private static uint Add(uint hash, string text)
    {
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetMaxByteCount(text.Length) <= buffer.Length ? buffer : new byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        var length = Encoding.UTF8.GetBytes(text, bytes);
        foreach (var b in bytes[..length])
        {
            hash = (hash ^ b) * Prime;
        }

        return hash;
    }
}
