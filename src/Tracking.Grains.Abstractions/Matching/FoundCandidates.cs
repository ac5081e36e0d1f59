using Tracking.Domain.Matching;

namespace Tracking.Grains.Matching;

/// <summary>
/// The candidates a shard found, as it answers its sweep. Within a silo the list passes as it is;
/// between silos it goes packed (<see cref="Serialization.PackedCandidates"/>): a shard answers with
/// thousands, whose reasons and weights repeat a few dozen texts, and one by one they took a
/// second to cross on two silos.
/// </summary>
public sealed record FoundCandidates(IReadOnlyList<MatchCandidate> Candidates);
