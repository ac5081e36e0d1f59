using Tracking.Storage.Persistence;

namespace Tracking.Storage.Reminders;

/// <summary>The reminders table on one engine.</summary>
public interface IReminderRows
{
    Task<IReadOnlyList<ReminderRow>> ReadGrainAsync(string serviceId, string grainId, CancellationToken cancellationToken);

    Task<ReminderRow?> ReadAsync(string serviceId, string grainId, string name, CancellationToken cancellationToken);

    /// <summary>The reminders of the grains whose hashes lie in <paramref name="range"/>.</summary>
    Task<IReadOnlyList<ReminderRow>> ReadRangeAsync(string serviceId, ReminderRange range, CancellationToken cancellationToken);

    /// <summary>
    /// Applies the writes in order in one transaction: one outcome each, <see cref="WriteOutcome.Written"/>
    /// with the reminder's new version (a removal: its old one), or a conflict for a removal of a
    /// version no longer stored. One bad write never fails the others.
    /// </summary>
    Task<IReadOnlyList<WriteOutcome>> WriteBatchAsync(IReadOnlyList<ReminderWrite> writes, CancellationToken cancellationToken);

    /// <summary>Removes every reminder of the service.</summary>
    Task ClearAsync(string serviceId, CancellationToken cancellationToken);
}
