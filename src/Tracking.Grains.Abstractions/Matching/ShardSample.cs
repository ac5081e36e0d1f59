using Tracking.Domain.Matching.Weights;

namespace Tracking.Grains.Matching;

/// <summary>
/// A shard's part of what a sweep learns its match weights from: the patterns counted there, and
/// a sample of the identities it owns (those whose first key is filed there), from which the
/// sweep draws its random pairs across all shards; pairs drawn within one shard would share keys
/// far more often than strangers do.
/// </summary>
[GenerateSerializer, Immutable, Alias("shard-sample")]
public sealed record ShardSample(ComparisonSample Counts, IReadOnlyList<IndexedTaxpayer> Taxpayers, IReadOnlyList<IndexedAccount> Accounts);
