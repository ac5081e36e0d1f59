namespace Tracking.Runtime.Reminders;

/// <summary>Durable reminder rows, one per (grain, name).</summary>
public interface IReminderTable
{
    /// <summary>Creates the reminder or moves an existing one of the same name.</summary>
    Task UpsertAsync(ReminderEntry reminder, CancellationToken cancellationToken);

    Task DeleteAsync(GrainId grain, string name, CancellationToken cancellationToken);

    /// <summary>Reminders due at or before <paramref name="dueBy"/>, earliest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadDueAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// After <paramref name="fired"/> was delivered: moves it to <paramref name="nextDueAt"/>, or
    /// deletes it when that is null — but only if nobody re-registered it meanwhile (same due time).
    /// </summary>
    Task CompleteAsync(ReminderEntry fired, DateTimeOffset? nextDueAt, CancellationToken cancellationToken);

    Task<IReadOnlyList<ReminderEntry>> ReadForGrainAsync(GrainId grain, CancellationToken cancellationToken);
}
