using Tracking.Storage.Views;

namespace Tracking.Storage.Persistence;

/// <summary>
/// One grain's new state and the events explaining it, valid only if the stored version is still
/// <paramref name="ExpectedVersion"/> (0: nothing stored yet). Commits as version ExpectedVersion + 1.
/// </summary>
/// <param name="StateJson">
/// The new state; null only for a creation whose state its events make: the store then keeps the
/// events alone, and hands them back as the state is read (<see cref="StoredState.Creation"/>)
/// until the grain's next write.
/// </param>
public sealed record StateWrite(
    GrainKey Grain,
    long ExpectedVersion,
    string? StateJson,
    IReadOnlyList<EventRecord> Events,
    DateTimeOffset At)
{
    public long NewVersion => ExpectedVersion + 1;

    /// <summary>The state column's value: the JSON, or the mark of a state its creation's events make.</summary>
    internal string StoredJson => StateJson ?? (ExpectedVersion == 0
        ? StoredState.NoCopy
        : throw new InvalidOperationException($"A write of {Grain} over version {ExpectedVersion} has no state: only a creation may leave its state to its events."));

    /// <summary>
    /// The read-model rows the grain keeps, replacing all it kept before, in the same transaction;
    /// null to leave its rows as they are.
    /// </summary>
    public IReadOnlyList<ViewRow>? Views { get; init; }

    /// <summary>
    /// The fields other records are matched on, as one text (null for a grain nothing is matched
    /// to), kept beside the state: a sweep reads them without the state (<see cref="IGrainStore.ReadAllAsync"/>),
    /// and the store stamps the row with its own clock when they differ from those stored, so a
    /// sweep can read only the records whose matched fields changed since its last.
    /// </summary>
    public string? Indexed { get; init; }

    /// <summary>The shard column stored with every row of the grain (a stable hash of its identity).</summary>
    public int Partition => GrainPartition.Of(Grain);
}
