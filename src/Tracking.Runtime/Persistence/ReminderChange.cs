namespace Tracking.Runtime.Persistence;

/// <summary>
/// A reminder set (<paramref name="DueAt"/> given) or removed (null) in the same transaction as a
/// state write, so that a step and the timers it needs commit together or not at all.
/// </summary>
public sealed record ReminderChange(GrainId Grain, int Partition, string Name, DateTimeOffset? DueAt);
