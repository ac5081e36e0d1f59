namespace Tracking.Grains.Matching;

/// <summary>
/// Entries of the match index for one shard (numbered <paramref name="Shard"/>), packed one after
/// another: a page crosses between silos as one array, where objects would each be written and
/// read, and a shard keeps it as it came. Each entry is its key's hash (8 bytes, little-endian),
/// the key's kind (its first letter, 1), whether it is the record's first key (1), the packed
/// record's length (2, little-endian) and the record (<see cref="IPackedRecord{TSelf}"/>). Immutable:
/// neither side changes the array once sent, so a silo passes it to its shards uncopied.
/// </summary>
[GenerateSerializer, Immutable, Alias("index-page")]
public sealed record IndexPage([property: Id(0)] int Shard, [property: Id(1)] byte[] Entries);
