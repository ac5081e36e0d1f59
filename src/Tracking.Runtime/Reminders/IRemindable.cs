namespace Tracking.Runtime;

/// <summary>Implemented by grains that register reminders. Delivery is at least once, so handlers must be idempotent.</summary>
public interface IRemindable
{
    Task ReceiveReminderAsync(string name, DateTimeOffset dueAt, CancellationToken cancellationToken);
}
