namespace Tracking.Runtime.Reminders;

/// <summary>The message a reminder delivers through the grain's mailbox, so it is a turn like any call.</summary>
internal sealed record ReminderFired(string Name, DateTimeOffset DueAt);
