using Orleans.Runtime;
using Tracking.Domain.Matching;
using Tracking.Domain.Matching.Weights;

namespace Tracking.Grains.Matching;

/// <summary>
/// One shard of the match index (a partition of the distributed hash join), keyed by its number.
/// It holds one sweep's identities, filed by that sweep (<paramref name="sweep"/> in each call), and
/// refuses calls for a sweep whose identities it does not hold.
/// </summary>
[Alias("match-shard")]
public interface IMatchShardGrain : IGrainWithStringKey
{
    /// <summary>Forgets what it held and takes identities for <paramref name="sweep"/>; returns its silo, where they are best filed from.</summary>
    [Alias("begin-on")]
    Task<SiloAddress> BeginAsync(Guid sweep, CancellationToken cancellationToken = default);

    // Aliases new with pages: a silo of the version before, which took lists of entries, refuses them.
    [Alias("file-taxpayer-page")]
    Task FileTaxpayersAsync(Guid sweep, IndexPage page, CancellationToken cancellationToken = default);

    [Alias("file-account-page")]
    Task FileAccountsAsync(Guid sweep, IndexPage page, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts the comparison patterns of about <paramref name="pairs"/> of the pairs that meet here
    /// (whole blocks), with up to <paramref name="identities"/> of each side it owns: this shard's
    /// part of what the sweep learns its match weights from.
    /// </summary>
    [Alias("sample"), ResponseTimeout("00:30:00")]
    Task<ShardSample> SampleAsync(Guid sweep, int identities, int pairs, CancellationToken cancellationToken = default);

    /// <summary>Compares every taxpayer and account that share a key in this shard, weighed by the sweep's model.</summary>
    // A new alias with the packed answer: a silo of the version before answered with a list.
    [Alias("find-packed"), ResponseTimeout("00:30:00")]
    Task<FoundCandidates> FindCandidatesAsync(Guid sweep, MatchModel? model, CancellationToken cancellationToken = default);

    /// <summary>Its silo, if it holds the identities filed for <paramref name="sweep"/>; null if not (its silo was lost, another sweep began, or it let them go).</summary>
    [Alias("holds-on")]
    Task<SiloAddress?> HoldsAsync(Guid sweep, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes out every entry of these records (changed since the index was filed) before they are
    /// filed again as they are now, remembering what they were, so that only a record filed here
    /// otherwise than before is compared again (<see cref="FindRevisedCandidatesAsync"/>).
    /// </summary>
    [Alias("revise"), ResponseTimeout("00:10:00")]
    Task ReviseAsync(Guid sweep, IReadOnlyList<string> taxpayers, IReadOnlyList<string> accounts, CancellationToken cancellationToken = default);

    /// <summary>Compares every pair in which a record revised since <see cref="ReviseAsync"/> is filed here otherwise than before, weighed by <paramref name="model"/>.</summary>
    [Alias("find-revised"), ResponseTimeout("00:30:00")]
    Task<RevisedCandidates> FindRevisedCandidatesAsync(Guid sweep, MatchModel? model, CancellationToken cancellationToken = default);

    /// <summary>The sweep is over and its index stays for the next sweep to file only what changed, for some hours.</summary>
    [Alias("keep")]
    Task KeepAsync(Guid sweep, CancellationToken cancellationToken = default);

    /// <summary>The sweep failed: the shard lets its identities go.</summary>
    [Alias("end")]
    Task EndAsync(Guid sweep, CancellationToken cancellationToken = default);
}
