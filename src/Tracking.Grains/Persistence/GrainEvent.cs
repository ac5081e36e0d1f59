namespace Tracking.Grains.Persistence;

/// <summary>One event of a grain's history: the state version it produced, its place in that write, and when.</summary>
public sealed record GrainEvent<TEvent>(long Version, int Index, DateTimeOffset RecordedAt, TEvent Event);
