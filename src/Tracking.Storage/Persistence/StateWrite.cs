using Tracking.Storage.Views;

namespace Tracking.Storage.Persistence;

/// <summary>
/// One grain's new state and the events explaining it, valid only if the stored version is still
/// <paramref name="ExpectedVersion"/> (0: nothing stored yet). Commits as version ExpectedVersion + 1.
/// </summary>
/// <param name="StateJson">
/// The new state; null only for a creation whose state its events make (<see cref="StateOfCreation"/>).
/// The store refuses a change without a state, as it refuses any write whose data it does not take.
/// </param>
public sealed record StateWrite(
    GrainKey Grain,
    long ExpectedVersion,
    string? StateJson,
    IReadOnlyList<EventRecord> Events,
    DateTimeOffset At)
{
    public long NewVersion => ExpectedVersion + 1;

    /// <summary>
    /// For a creation without <see cref="StateJson"/>, the state's JSON, made only by a store that
    /// keeps it. PostgreSQL keeps such a creation as its events alone and hands them back as the
    /// state is read (<see cref="StoredState.Creation"/>) until the grain's next write: a bulk
    /// import writes a quarter to a third less. SQLite keeps the state: it reads rows one at a
    /// time and a row's first change would grow it in place, which cost its sweeps more than an
    /// import gains (loadtests/README.md, "Records created in bulk kept as their creation's events").
    /// </summary>
    public Func<string>? StateOfCreation { get; init; }

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
