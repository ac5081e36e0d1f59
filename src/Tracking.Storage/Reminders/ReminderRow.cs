namespace Tracking.Storage.Reminders;

/// <summary>
/// One stored reminder of a grain: when it first fires and how often after that. The grain is
/// Orleans' grain id in its text form, <paramref name="GrainHash"/> its uniform hash as stored
/// (signed); <paramref name="Version"/> is what a removal must name to succeed.
/// </summary>
public sealed record ReminderRow(string GrainId, string Name, DateTimeOffset StartAt, TimeSpan Period, int GrainHash, long Version);
