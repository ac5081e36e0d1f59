namespace Tracking.Grains.Matching;

/// <summary>
/// Files entries in the match shards of one silo (keyed by its address), beside them: a record
/// whose keys go to several shards there crosses to the silo once, in one call, where sending
/// each shard its entries would carry the record once for each.
/// </summary>
[Alias("match-filer")]
public interface IMatchFilerGrain : IGrainWithStringKey
{
    /// <summary>Files each entry in its shard (one of this filer's silo) for <paramref name="sweep"/>.</summary>
    [Alias("file-taxpayers")]
    Task FileTaxpayersAsync(Guid sweep, IReadOnlyList<IndexEntry<IndexedTaxpayer>> entries, CancellationToken cancellationToken = default);

    /// <summary>Files each entry in its shard (one of this filer's silo) for <paramref name="sweep"/>.</summary>
    [Alias("file-accounts")]
    Task FileAccountsAsync(Guid sweep, IReadOnlyList<IndexEntry<IndexedAccount>> entries, CancellationToken cancellationToken = default);
}
