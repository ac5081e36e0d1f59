namespace Tracking.Domain.Matching;

/// <summary>A set of candidates keyed by (taxpayer, exchange, account): a pair found again with the same evidence is not news.</summary>
public static class MatchCandidates
{
    /// <summary>
    /// How far a pair's chance of being the taxpayer must move for the pair found again to be news
    /// (0.05): the review queue is ordered by it, and every sweep learns slightly other weights.
    /// </summary>
    public const double ChanceMoved = 0.05;

    public static bool IsNew(IReadOnlyList<MatchCandidate> known, MatchCandidate candidate) =>
        known.FirstOrDefault(k => k.SamePair(candidate)) is not { } old || IsNews(old, candidate);

    /// <summary>Whether a pair found again is news: other evidence or decision, or a chance of being the taxpayer first known or moved by <see cref="ChanceMoved"/>.</summary>
    public static bool IsNews(MatchCandidate old, MatchCandidate found) =>
        !old.Equals(found) || (found.Weight is { } weight && (old.Weight is not { } before || Math.Abs(weight.Probability - before.Probability) >= ChanceMoved));

    /// <summary>The set without the pair.</summary>
    public static IReadOnlyList<MatchCandidate> Without(IReadOnlyList<MatchCandidate> known, string taxpayerId, string exchange, string accountId) =>
        [.. known.Where(k => !(k.TaxpayerId == taxpayerId && k.Exchange == exchange && k.AccountId == accountId))];

    /// <summary>The pair's evidence replaced; the time it was first found stays.</summary>
    public static IReadOnlyList<MatchCandidate> Upsert(IReadOnlyList<MatchCandidate> known, MatchCandidate candidate) =>
        [.. known.Where(k => !k.SamePair(candidate)), candidate with { FoundAt = known.FirstOrDefault(k => k.SamePair(candidate))?.FoundAt ?? candidate.FoundAt }];
}
