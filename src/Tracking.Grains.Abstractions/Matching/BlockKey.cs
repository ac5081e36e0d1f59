using System.IO.Hashing;
using System.Text;
using Tracking.Domain.Matching;
using Tracking.Domain.Matching.Weights;

namespace Tracking.Grains.Matching;

/// <summary>
/// A blocking key as the index files it: 64 bits of hash instead of its text, which cost more than
/// the entry filed under it. The high half is <see cref="MatchIndex.Hash"/>, which places the key in
/// its shard; two keys that share all 64 bits (about one pair in 10^7 at national scale) only make
/// their blocks meet, and every pair that meets is still compared field by field.
/// </summary>
/// <param name="Hash">The key's hash.</param>
/// <param name="Kind">The first letter of the key: which rule made it (<see cref="BlockingKeys.RuleOf(char)"/>).</param>
[GenerateSerializer, Immutable, Alias("block-key")]
public readonly record struct BlockKey([property: Id(0)] ulong Hash, [property: Id(1)] char Kind)
{
    /// <summary>What <see cref="MatchIndex.NumberOf(BlockKey)"/> places the key by.</summary>
    public uint ShardHash => (uint)(Hash >> 32);

    public BlockingRule Rule => BlockingKeys.RuleOf(Kind);

    public static BlockKey Of(string key)
    {
        // Keys are short: encoded on the stack, not into an array per key of the national index.
        var length = Encoding.UTF8.GetMaxByteCount(key.Length);
        Span<byte> utf8 = length <= 512 ? stackalloc byte[length] : new byte[length];
        utf8 = utf8[..Encoding.UTF8.GetBytes(key, utf8)];
        return new(((ulong)MatchIndex.Hash(utf8) << 32) | XxHash32.HashToUInt32(utf8), key[0]);
    }
}
