using System.Buffers;

namespace Tracking.Grains.Matching;

/// <summary>
/// A record the match index holds packed as bytes (<see cref="PackedFields"/>), not as objects: a
/// national index is tens of millions of entries, each object of which the collector would trace
/// and move while the sweep works. Its <see cref="Id"/> is packed first, then its other fields.
/// </summary>
public interface IPackedRecord<TSelf>
    where TSelf : class, IPackedRecord<TSelf>
{
    /// <summary>What names the record in a revision (a taxpayer's id, an account's key); packed first, so that a shard finds a record's entries without unpacking them.</summary>
    string Id { get; }

    /// <summary>Packs the record: <see cref="Id"/>, then its other fields.</summary>
    void Pack(IBufferWriter<byte> writer);

    /// <summary>The record <see cref="Pack"/> wrote into <paramref name="packed"/>.</summary>
    static abstract TSelf Unpack(ReadOnlySpan<byte> packed);
}
