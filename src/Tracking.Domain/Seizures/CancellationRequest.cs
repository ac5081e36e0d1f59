namespace Tracking.Domain.Seizures;

/// <summary>A withdrawal of a seizure that awaits a second person's approval.</summary>
public sealed record CancellationRequest(string RequestedBy, string Reason, DateTimeOffset At);
