namespace Tracking.Storage.Reminders;

/// <summary>A change to one reminder of one service, committed with others in a batch.</summary>
public abstract record ReminderWrite(string ServiceId, string GrainId, string Name)
{
    /// <summary>Sets the reminder, or moves it: its version goes up by one (a new one starts at 1).</summary>
    public sealed record Set(string ServiceId, string GrainId, string Name, DateTimeOffset StartAt, TimeSpan Period, int GrainHash)
        : ReminderWrite(ServiceId, GrainId, Name);

    /// <summary>Removes the reminder only if it is still at <paramref name="Version"/>: a conflict otherwise.</summary>
    public sealed record Remove(string ServiceId, string GrainId, string Name, long Version)
        : ReminderWrite(ServiceId, GrainId, Name);
}
