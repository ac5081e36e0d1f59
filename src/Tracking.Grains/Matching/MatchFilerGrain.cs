using Orleans.Concurrency;

namespace Tracking.Grains.Matching;

/// <summary>
/// Files the entries a sweep sends its silo in the shards there, each shard's in one call: the
/// entries' records pass between grains of a silo uncopied. It keeps nothing, so calls run side by side.
/// </summary>
[GrainType("match-filer"), KeyedPlacement, Reentrant]
public sealed class MatchFilerGrain : Grain, IMatchFilerGrain
{
    public Task FileTaxpayersAsync(Guid sweep, IReadOnlyList<IndexEntry<IndexedTaxpayer>> entries, CancellationToken cancellationToken) =>
        FileAsync(entries, (shard, part) => shard.FileTaxpayersAsync(sweep, part, cancellationToken));

    public Task FileAccountsAsync(Guid sweep, IReadOnlyList<IndexEntry<IndexedAccount>> entries, CancellationToken cancellationToken) =>
        FileAsync(entries, (shard, part) => shard.FileAccountsAsync(sweep, part, cancellationToken));

    private Task FileAsync<TRecord>(IReadOnlyList<IndexEntry<TRecord>> entries, Func<IMatchShardGrain, IndexEntry<TRecord>[], Task> file)
        where TRecord : class =>
        Task.WhenAll(EntryGroups.By(entries, MatchIndex.ShardCount, MatchIndex.NumberOf)
            .Select((part, shard) => (part, shard))
            .Where(p => p.part.Length > 0)
            .Select(p => file(GrainFactory.GetGrain<IMatchShardGrain>(MatchIndex.ShardOf(p.shard)), p.part)));
}
