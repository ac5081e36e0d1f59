namespace Tracking.Storage.Persistence;

/// <summary>An appended event as read back, in the order of (version, index).</summary>
public sealed record StoredEvent(long Version, int Index, string Type, string Json, DateTimeOffset RecordedAt);
