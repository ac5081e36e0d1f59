using System.Text;

namespace Tracking.Grains.Matching;

/// <summary>
/// The match index is split over <see cref="ShardCount"/> shard grains by a stable hash of the
/// blocking key, so taxpayers and accounts that share a key always meet in the same shard.
/// </summary>
public static class MatchIndex
{
    /// <summary>The same in every silo of a cluster. Each sweep files the index afresh, so it may change between versions; the weights' samples are drawn per shard, so a change moves them a little.</summary>
    public const int ShardCount = 64;

    /// <summary>The number of the shard <paramref name="key"/> goes to.</summary>
    public static int NumberOf(BlockKey key) => (int)(key.ShardHash % ShardCount);

    /// <summary>The shard numbered <paramref name="number"/>, as its grain is keyed.</summary>
    public static string ShardOf(int number) => number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The number of the shard keyed <paramref name="shard"/>.</summary>
    public static int NumberOf(string shard) => int.Parse(shard, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>FNV-1a over UTF-8: the same in every process, unlike string.GetHashCode.</summary>
    public static uint Hash(string text)
    {
        // Ids are short: encoded on the stack, not into an array per id of a shard.
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        Span<byte> utf8 = length <= 512 ? stackalloc byte[length] : new byte[length];
        return Hash(utf8[..Encoding.UTF8.GetBytes(text, utf8)]);
    }

    /// <summary>FNV-1a over the text's UTF-8 bytes.</summary>
    public static uint Hash(ReadOnlySpan<byte> utf8)
    {
        var hash = 2166136261u;
        foreach (var b in utf8)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }

    public static IEnumerable<string> AllShards() => Enumerable.Range(0, ShardCount).Select(ShardOf);
}
