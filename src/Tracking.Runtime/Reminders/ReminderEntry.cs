namespace Tracking.Runtime.Reminders;

/// <summary>A durable reminder: fires for <paramref name="Grain"/> at <paramref name="DueAt"/>, then every <paramref name="Period"/> if set.</summary>
public sealed record ReminderEntry(GrainId Grain, int Partition, string Name, DateTimeOffset DueAt, TimeSpan? Period);
