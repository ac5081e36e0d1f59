using Orleans.Concurrency;

namespace Tracking.Grains.Matching;

/// <summary>
/// Files the pages a sweep sends its silo in the shards there, each shard's in one call: pages
/// are immutable, so they pass between grains of a silo uncopied. It keeps nothing, so calls run side by side.
/// </summary>
[GrainType("match-filer"), KeyedPlacement, Reentrant]
public sealed class MatchFilerGrain : Grain, IMatchFilerGrain
{
    public Task FileTaxpayersAsync(Guid sweep, IReadOnlyList<IndexPage> pages, CancellationToken cancellationToken) =>
        Task.WhenAll(pages.Select(page => ShardOf(page).FileTaxpayersAsync(sweep, page, cancellationToken)));

    public Task FileAccountsAsync(Guid sweep, IReadOnlyList<IndexPage> pages, CancellationToken cancellationToken) =>
        Task.WhenAll(pages.Select(page => ShardOf(page).FileAccountsAsync(sweep, page, cancellationToken)));

    private IMatchShardGrain ShardOf(IndexPage page) => GrainFactory.GetGrain<IMatchShardGrain>(MatchIndex.ShardOf(page.Shard));
}
