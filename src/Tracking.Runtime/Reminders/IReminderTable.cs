using Tracking.Runtime.Placement;

namespace Tracking.Runtime.Reminders;

/// <summary>
/// Durable reminder rows, one per (grain, name). Changes made under a <see cref="LeaseFence"/>
/// commit only while the fence holds for the reminder's partition, and otherwise throw
/// <see cref="PartitionMovedException"/>; a null fence is for a silo alone on its store.
/// </summary>
public interface IReminderTable
{
    /// <summary>Creates the reminder or moves an existing one of the same name.</summary>
    Task UpsertAsync(ReminderEntry reminder, LeaseFence? fence, CancellationToken cancellationToken);

    Task DeleteAsync(GrainId grain, int partition, string name, LeaseFence? fence, CancellationToken cancellationToken);

    /// <summary>
    /// Reminders due at or before <paramref name="dueBy"/>, earliest first, at most
    /// <paramref name="limit"/>; only those of <paramref name="partitions"/> when given.
    /// </summary>
    Task<IReadOnlyList<ReminderEntry>> ReadDueAsync(DateTimeOffset dueBy, int limit, IReadOnlyCollection<int>? partitions, CancellationToken cancellationToken);

    /// <summary>
    /// After <paramref name="fired"/> was delivered: moves it to <paramref name="nextDueAt"/>, or
    /// deletes it when that is null — but only if nobody re-registered it meanwhile (same due time).
    /// </summary>
    Task CompleteAsync(ReminderEntry fired, DateTimeOffset? nextDueAt, LeaseFence? fence, CancellationToken cancellationToken);

    Task<IReadOnlyList<ReminderEntry>> ReadForGrainAsync(GrainId grain, CancellationToken cancellationToken);
}
