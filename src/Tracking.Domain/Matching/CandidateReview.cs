namespace Tracking.Domain.Matching;

/// <summary>A person's decision on a review candidate: approved for seizure, or rejected with a reason.</summary>
public sealed record CandidateReview(string Exchange, string AccountId, bool Approved, string By, string Reason, DateTimeOffset At);
