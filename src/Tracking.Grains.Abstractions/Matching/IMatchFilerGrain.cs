namespace Tracking.Grains.Matching;

/// <summary>
/// Files pages of entries in the match shards of one silo (keyed by its address), beside them: a
/// page of the index crosses to a silo in one call with the other pages for its shards there,
/// where sending each shard its own would cost a message each.
/// </summary>
[Alias("match-filer")]
public interface IMatchFilerGrain : IGrainWithStringKey
{
    /// <summary>Files each page in its shard (one of this filer's silo) for <paramref name="sweep"/>.</summary>
    [Alias("file-taxpayer-pages")]
    Task FileTaxpayersAsync(Guid sweep, IReadOnlyList<IndexPage> pages, CancellationToken cancellationToken = default);

    /// <summary>Files each page in its shard (one of this filer's silo) for <paramref name="sweep"/>.</summary>
    [Alias("file-account-pages")]
    Task FileAccountsAsync(Guid sweep, IReadOnlyList<IndexPage> pages, CancellationToken cancellationToken = default);
}
