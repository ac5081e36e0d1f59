namespace Tracking.Domain.Matching;

/// <summary>A set of candidates keyed by (taxpayer, exchange, account): a pair found again with the same evidence is not news.</summary>
public static class MatchCandidates
{
    public static bool IsNew(IReadOnlyList<MatchCandidate> known, MatchCandidate candidate) =>
        !known.Any(k => k.Equals(candidate));

    /// <summary>The set without the pair.</summary>
    public static IReadOnlyList<MatchCandidate> Without(IReadOnlyList<MatchCandidate> known, string taxpayerId, string exchange, string accountId) =>
        [.. known.Where(k => !(k.TaxpayerId == taxpayerId && k.Exchange == exchange && k.AccountId == accountId))];

    /// <summary>The pair's evidence replaced; the time it was first found stays.</summary>
    public static IReadOnlyList<MatchCandidate> Upsert(IReadOnlyList<MatchCandidate> known, MatchCandidate candidate) =>
        [.. known.Where(k => !k.SamePair(candidate)), candidate with { FoundAt = known.FirstOrDefault(k => k.SamePair(candidate))?.FoundAt ?? candidate.FoundAt }];
}
