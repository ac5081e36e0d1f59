namespace Tracking.Domain.Matching;

/// <summary>A set of candidates keyed by (taxpayer, exchange, account): a pair found again with the same evidence is not news.</summary>
public static class MatchCandidates
{
    public static bool IsNew(IReadOnlyList<MatchCandidate> known, MatchCandidate candidate) =>
        !known.Any(k => k.Equals(candidate));

    public static IReadOnlyList<MatchCandidate> Upsert(IReadOnlyList<MatchCandidate> known, MatchCandidate candidate) =>
        [.. known.Where(k => !k.SamePair(candidate)), candidate];
}
