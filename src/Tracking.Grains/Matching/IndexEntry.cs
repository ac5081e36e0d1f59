namespace Tracking.Grains.Matching;

/// <summary>
/// An entry of the match index unpacked (<see cref="IndexPage"/>): a record filed under one of its
/// blocking keys, <paramref name="First"/> under the first of them (the shard that owns it). A
/// revision's few entries are kept so, to be compared as filed before and after.
/// </summary>
internal readonly record struct IndexEntry<TRecord>(BlockKey Key, TRecord Record, bool First)
    where TRecord : class;
