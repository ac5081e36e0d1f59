using Tracking.Domain.Matching;
using Tracking.Grains.Accounts;

namespace Tracking.Grains.Matching;

/// <summary>
/// What a shard found when records changed since its index was filed were filed again: the
/// candidates among the pairs they meet in now, and the records filed there otherwise than before
/// (taxpayer ids; account keys as <see cref="AccountKey.Of"/> writes them). A pair of one of these
/// records not found in any shard is no longer a candidate.
/// </summary>
[GenerateSerializer, Immutable, Alias("revised-candidates")]
public sealed record RevisedCandidates(IReadOnlyList<MatchCandidate> Candidates, IReadOnlyList<string> Taxpayers, IReadOnlyList<string> Accounts);
