namespace Tracking.Storage.Persistence;

/// <summary>
/// Grain state, its append-only history and the read-model rows derived from it, on one engine.
/// Implementations commit a state, its events and its rows atomically.
/// </summary>
public interface IGrainStore
{
    /// <summary>
    /// Many grains' states at once; one entry per grain, in order, null for a grain never written,
    /// and for one the store keeps as its events alone, those events (<see cref="StoredState.Events"/>).
    /// </summary>
    Task<IReadOnlyList<StoredState?>> ReadStatesAsync(IReadOnlyList<GrainKey> grains, CancellationToken cancellationToken);

    /// <summary>
    /// Each grain's row without its state or events (<see cref="StoredRow"/>), in order; null for a
    /// grain never written. One read of the rows: what a writer beside grains reads to tell whether
    /// it need read a grain's history at all.
    /// </summary>
    Task<IReadOnlyList<StoredRow?>> ReadRowsAsync(IReadOnlyList<GrainKey> grains, CancellationToken cancellationToken);

    /// <summary>
    /// Each grain's record hash (<see cref="StateWrite.RecordHash"/>), in order: what an import
    /// compares a record with before it reads the grain's state. One read of the rows, not of the
    /// states or events; the default (not stored) for a grain never written.
    /// </summary>
    Task<IReadOnlyList<StoredRecordHash>> ReadRecordHashesAsync(IReadOnlyList<GrainKey> grains, CancellationToken cancellationToken);

    /// <summary>
    /// Stores each hash with the version it was checked against, where that version is still the
    /// grain's (a later write leaves it alone): an import that had to read a grain's state, stored
    /// without the record's hash (before the column was added, or written since by something else),
    /// need not read it again for the same record. Changes no version and no history.
    /// </summary>
    Task WriteRecordHashesAsync(IReadOnlyList<CheckedRecordHash> hashes, CancellationToken cancellationToken);

    /// <summary>
    /// Commits many writes together (one round trip, one commit), checking each write's expected
    /// version; returns one outcome per write, in order. One bad write never fails the others.
    /// </summary>
    Task<IReadOnlyList<WriteOutcome>> WriteBatchAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken);

    /// <summary>A grain's history, oldest first.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(GrainKey grain, CancellationToken cancellationToken);

    /// <summary>Keys of written grains of one type in key order, after <paramref name="after"/>: a page read along the primary key, not a scan.</summary>
    Task<IReadOnlyList<string>> ListKeysAsync(string grainType, string? after, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Every written grain of one type, in no order (or, with <paramref name="indexedSince"/>, only
    /// those whose <see cref="StateWrite.Indexed"/> changed at or after that time by
    /// <see cref="ReadClockAsync"/>), each key with its matched fields, not its state: one read
    /// streams them, handed to <paramref name="page"/> a page at a time, each page read once the
    /// last is handled. Returns how many there were.
    /// </summary>
    Task<long> ReadAllAsync(string grainType, DateTimeOffset? indexedSince, int pageSize, Func<IReadOnlyList<IndexedRecord>, Task> page, CancellationToken cancellationToken);

    /// <summary>
    /// The clock the store stamps changed matched fields with, read once every write under way has committed
    /// (new ones wait the moment it takes): every write committed after it is stamped at or after
    /// it, so a read from this time on misses no change committed since.
    /// </summary>
    Task<DateTimeOffset> ReadClockAsync(CancellationToken cancellationToken);
}
