using Microsoft.Extensions.Logging;

namespace Tracking.Storage.Persistence;

/// <summary>
/// What grains read and write through: activations' reads batched into shared round trips, writes
/// group-committed, and everything run on the store's own threads, so that an engine whose
/// calls block (SQLite) never holds a grain scheduler's thread.
/// </summary>
public sealed class GrainStateStore : IAsyncDisposable
{
    private readonly ITrackingStore _store;
    private readonly StateReadBatcher _reader;
    private readonly StateWriteBatcher _writer;

    public GrainStateStore(ITrackingStore store, StorageOptions options, string silo, ILogger<GrainStateStore> logger)
    {
        _store = store;
        _reader = new StateReadBatcher(store.Grains, options.MaxReadBatchSize, options.ReaderConcurrency);
        _writer = new StateWriteBatcher(store.Grains, options.MaxWriteBatchSize, Math.Min(options.WriterConcurrency, store.MaxConcurrentWriteBatches), silo, logger);
    }

    /// <inheritdoc cref="ITrackingStore.KeepsEveryState"/>
    public bool KeepsEveryState => _store.KeepsEveryState;

    /// <summary>The grain's stored state, or null if it was never written.</summary>
    public Task<StoredState?> ReadAsync(GrainKey grain, CancellationToken cancellationToken) => _reader.ReadAsync(grain, cancellationToken);

    /// <inheritdoc cref="IGrainStore.ReadRowsAsync"/>
    public Task<IReadOnlyList<StoredRow?>> ReadRowsAsync(IReadOnlyList<GrainKey> grains, CancellationToken cancellationToken) =>
        StoreCall.OffGrainThreadAsync(() => _store.Grains.ReadRowsAsync(grains, cancellationToken), cancellationToken);

    /// <inheritdoc cref="IGrainStore.ReadRecordHashesAsync"/>
    public Task<IReadOnlyList<StoredRecordHash>> ReadRecordHashesAsync(IReadOnlyList<GrainKey> grains, CancellationToken cancellationToken) =>
        StoreCall.OffGrainThreadAsync(() => _store.Grains.ReadRecordHashesAsync(grains, cancellationToken), cancellationToken);

    /// <inheritdoc cref="IGrainStore.WriteRecordHashesAsync"/>
    public Task WriteRecordHashesAsync(IReadOnlyList<CheckedRecordHash> hashes, CancellationToken cancellationToken) =>
        StoreCall.OffGrainThreadAsync(() => _store.Grains.WriteRecordHashesAsync(hashes, cancellationToken), cancellationToken);

    /// <summary>Commits a write; returns the new version, or throws <see cref="WriteConflictException"/> (nothing written) or <see cref="StorageUnavailableException"/>.</summary>
    public Task<long> WriteAsync(StateWrite write, CancellationToken cancellationToken) => _writer.WriteAsync(write, cancellationToken);

    /// <summary>Commits many grains' first writes together, as a bulk load does: one outcome per write, in order.</summary>
    public Task<IReadOnlyList<WriteOutcome>> WriteBatchAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken) =>
        StoreCall.OffGrainThreadAsync(() => _store.Grains.WriteBatchAsync(writes, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(GrainKey grain, CancellationToken cancellationToken) =>
        StoreCall.OffGrainThreadAsync(() => _store.Grains.ReadEventsAsync(grain, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<string>> ListKeysAsync(string grainType, string? after, int limit, CancellationToken cancellationToken) =>
        StoreCall.OffGrainThreadAsync(() => _store.Grains.ListKeysAsync(grainType, after, limit, cancellationToken), cancellationToken);

    /// <summary>Every written grain of one type (or those whose matched fields changed since <paramref name="indexedSince"/>) with its matched fields, a page at a time (see <see cref="IGrainStore.ReadAllAsync"/>); <paramref name="page"/> runs off the grain's thread.</summary>
    public Task<long> ReadAllAsync(string grainType, DateTimeOffset? indexedSince, int pageSize, Func<IReadOnlyList<IndexedRecord>, Task> page, CancellationToken cancellationToken) =>
        StoreCall.OffGrainThreadAsync(() => _store.Grains.ReadAllAsync(grainType, indexedSince, pageSize, page, cancellationToken), cancellationToken);

    /// <inheritdoc cref="IGrainStore.ReadClockAsync"/>
    public Task<DateTimeOffset> ReadClockAsync(CancellationToken cancellationToken) =>
        StoreCall.OffGrainThreadAsync(() => _store.Grains.ReadClockAsync(cancellationToken), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        await _reader.DisposeAsync().ConfigureAwait(false);
    }
}
