namespace Tracking.Domain.Matching;

/// <summary>A taxpayer–account pair worth acting on, with how sure the matcher is and why.</summary>
public sealed record MatchCandidate(string TaxpayerId, string Exchange, string AccountId, MatchDecision Decision, int Score, IReadOnlyList<string> Reasons);
