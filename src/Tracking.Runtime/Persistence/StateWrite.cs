using Tracking.Runtime.Placement;
using Tracking.Runtime.Views;

namespace Tracking.Runtime.Persistence;

/// <summary>
/// One grain's new state and the events explaining it, valid only if the stored version is still
/// <paramref name="ExpectedVersion"/> (0: nothing stored yet). Commits as version ExpectedVersion + 1.
/// </summary>
public sealed record StateWrite(
    GrainId Grain,
    int Partition,
    long ExpectedVersion,
    string StateJson,
    IReadOnlyList<EventRecord> Events,
    DateTimeOffset At)
{
    public long NewVersion => ExpectedVersion + 1;

    /// <summary>Reminders set or removed in the same transaction; at most one change per grain and name.</summary>
    public IReadOnlyList<ReminderChange> Reminders { get; init; } = [];

    /// <summary>
    /// The read-model rows the grain keeps, replacing all it kept before, in the same transaction;
    /// null for a grain that keeps none.
    /// </summary>
    public IReadOnlyList<ViewRow>? Views { get; init; }

    /// <summary>The partition lease the write is made under; null for a silo alone on its store. All writes of one batch come from one silo.</summary>
    public LeaseFence? Fence { get; init; }
}
