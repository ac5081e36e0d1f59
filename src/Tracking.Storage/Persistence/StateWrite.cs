using Tracking.Storage.Views;

namespace Tracking.Storage.Persistence;

/// <summary>
/// One grain's new state and the events explaining it, valid only if the stored version is still
/// <paramref name="ExpectedVersion"/> (0: nothing stored yet). Commits as version ExpectedVersion + 1.
/// </summary>
/// <param name="StateJson">
/// The new state; null when the grain's events make it: a creation, or a change of a grain the
/// store keeps without its state (<see cref="StoredState.Json"/> null). A store that keeps every
/// state makes it (<see cref="StateToKeep"/>). PostgreSQL refuses a change without a state to a
/// grain it holds one for as a conflict (its writer did not read it at this version), and SQLite
/// one it cannot make the state of as a failure.
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
    /// For a write without <see cref="StateJson"/>, the state's JSON, made only by a store that
    /// keeps it. PostgreSQL keeps a grain created so as its events alone and hands them back as
    /// the state is read (<see cref="StoredState.Events"/>), a sweep's candidates recorded beside
    /// it included, until its grain writes a state: a bulk import writes a quarter to a third less,
    /// and a sweep's recording writes no copy of a taxpayer's ledger. SQLite keeps the state: it
    /// reads rows one at a time and a row's first change would grow it in place, which cost its
    /// sweeps more than an import gains (loadtests/README.md, "Records created in bulk kept as
    /// their creation's events").
    /// </summary>
    public Func<string>? StateToKeep { get; init; }

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

    /// <summary>
    /// The hash of the input record this write takes in, when taking that record (as an import
    /// reports it) is all the write does; null for any other write. The store keeps it with the
    /// version written, and the grain's next write of anything else clears it unless it keeps it
    /// (<see cref="KeepsRecordHash"/>). An import that finds a record's own hash there knows, without
    /// reading the grain, that it would take the record as no change (<see cref="IGrainStore.ReadRecordHashesAsync"/>).
    /// </summary>
    public long? RecordHash { get; init; }

    /// <summary>
    /// The write leaves the stored <see cref="RecordHash"/> as it is: its events change nothing that
    /// an input record states (a taxpayer's candidates recorded), so taking the record would decide
    /// after it as before. False by default: a write without a hash of its own clears the stored one.
    /// </summary>
    public bool KeepsRecordHash { get; init; }

    /// <summary>The shard column stored with every row of the grain (a stable hash of its identity).</summary>
    public int Partition => GrainPartition.Of(Grain);
}
