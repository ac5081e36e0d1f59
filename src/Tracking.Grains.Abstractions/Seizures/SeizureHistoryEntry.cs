using Tracking.Domain.Seizures;

namespace Tracking.Grains.Seizures;

/// <summary>One event of a seizure's history: the state version it produced and when it was recorded.</summary>
[GenerateSerializer, Immutable, Alias("seizure-history-entry")]
public sealed record SeizureHistoryEntry(long Version, DateTimeOffset RecordedAt, SeizureEvent Event);
