using Tracking.Domain.Matching;

namespace Tracking.Grains.Matching;

/// <summary>One shard of the match index (a partition of the distributed hash join), keyed by its number.</summary>
[Alias("match-shard")]
public interface IMatchShardGrain : IGrainWithStringKey
{
    /// <summary>Files taxpayer identities; entries already filed unchanged are skipped. Returns how many were new.</summary>
    [Alias("index-taxpayers")]
    Task<int> IndexTaxpayersAsync(IReadOnlyList<IndexedTaxpayer> entries, CancellationToken cancellationToken = default);

    [Alias("index-accounts")]
    Task<int> IndexAccountsAsync(IReadOnlyList<IndexedAccount> entries, CancellationToken cancellationToken = default);

    /// <summary>Compares every taxpayer and account that share a key in this shard.</summary>
    [Alias("find"), ResponseTimeout("00:30:00")]
    Task<IReadOnlyList<MatchCandidate>> FindCandidatesAsync(CancellationToken cancellationToken = default);
}
