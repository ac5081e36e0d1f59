using System.Text;

namespace Tracking.Runtime.Placement;

/// <summary>FNV-1a over UTF-8, not string.GetHashCode: placement must come out the same in every process.</summary>
internal static class StableHash
{
    private const ulong Offset = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static ulong Of(string first, string second)
    {
        var hash = Add(Offset, first);
        hash = (hash ^ 0xFF) * Prime;
        return Add(hash, second);
    }

    public static ulong Of(string text, int number)
    {
        var hash = Add(Offset, text);
        for (var shift = 0; shift < 32; shift += 8)
        {
            hash = (hash ^ (byte)(number >> shift)) * Prime;
        }

        // A final mix, so that neighbouring numbers do not give neighbouring weights.
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccd;
        return hash ^ (hash >> 33);
    }

    private static ulong Add(ulong hash, string text)
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
