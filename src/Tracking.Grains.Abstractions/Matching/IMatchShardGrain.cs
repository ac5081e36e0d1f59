using Tracking.Domain.Matching;
using Tracking.Domain.Matching.Weights;

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

    /// <summary>Unfiles a taxpayer from keys its changed record no longer has; returns how many entries went.</summary>
    [Alias("unfile-taxpayer")]
    Task<int> UnfileTaxpayerAsync(string taxpayerId, IReadOnlyList<string> keys, CancellationToken cancellationToken = default);

    /// <summary>Unfiles an account from keys its changed record no longer has; returns how many entries went.</summary>
    [Alias("unfile-account")]
    Task<int> UnfileAccountAsync(string exchange, string accountId, IReadOnlyList<string> keys, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts the comparison patterns of about <paramref name="pairs"/> of the pairs that meet here
    /// (whole blocks), with up to <paramref name="identities"/> of each side it owns: this shard's
    /// part of what the sweep learns its match weights from.
    /// </summary>
    [Alias("sample"), ResponseTimeout("00:30:00")]
    Task<ShardSample> SampleAsync(int identities, int pairs, CancellationToken cancellationToken = default);

    /// <summary>Compares every taxpayer and account that share a key in this shard, weighed by the sweep's model.</summary>
    [Alias("find"), ResponseTimeout("00:30:00")]
    Task<IReadOnlyList<MatchCandidate>> FindCandidatesAsync(MatchModel? model, CancellationToken cancellationToken = default);
}
