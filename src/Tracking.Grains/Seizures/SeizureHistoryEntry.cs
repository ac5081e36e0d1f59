using Tracking.Domain.Seizures;

namespace Tracking.Grains.Seizures;

public sealed record SeizureHistoryEntry(long Version, DateTimeOffset RecordedAt, SeizureEvent Event);
