using Tracking.Domain.Matching.Weights;

namespace Tracking.Domain.Matching;

/// <summary>A taxpayer–account pair worth acting on, with how sure the matcher is and why.</summary>
public sealed record MatchCandidate(string TaxpayerId, string Exchange, string AccountId, MatchDecision Decision, int Score, IReadOnlyList<string> Reasons)
{
    /// <summary>When the pair was first found; found again, it keeps its first time (a review item's age counts from it).</summary>
    public DateTimeOffset? FoundAt { get; init; }

    /// <summary>
    /// The pair's match weight under the model its sweep learnt, each field's part shown. Not part of
    /// the evidence: a sweep that learns slightly other weights does not make the pair news, one that
    /// moves its chance by <see cref="MatchCandidates.ChanceMoved"/> does (<see cref="MatchCandidates.IsNews"/>).
    /// </summary>
    public MatchWeight? Weight { get; init; }

    public bool SamePair(MatchCandidate other) => TaxpayerId == other.TaxpayerId && Exchange == other.Exchange && AccountId == other.AccountId;

    public bool Equals(MatchCandidate? other) =>
        other is not null && SamePair(other) && Decision == other.Decision && Score == other.Score && Reasons.SequenceEqual(other.Reasons);

    public override int GetHashCode() => HashCode.Combine(TaxpayerId, Exchange, AccountId, Decision, Score);
}
