using System.Collections;
using Tracking.Domain.Matching;

namespace Tracking.Grains.Matching;

/// <summary>
/// Candidates as grains answer with them by the thousand: a shard to its sweep, a sweep to whoever
/// reads its list. Within a silo the list passes as it is; between silos it goes packed
/// (<see cref="Serialization.PackedCandidates"/>): their reasons and weights repeat a few dozen
/// texts, and one by one a shard's answers took a second to cross on two silos.
/// </summary>
public sealed record FoundCandidates(IReadOnlyList<MatchCandidate> Candidates) : IReadOnlyList<MatchCandidate>
{
    public int Count => Candidates.Count;

    public MatchCandidate this[int index] => Candidates[index];

    public IEnumerator<MatchCandidate> GetEnumerator() => Candidates.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
