using Microsoft.Extensions.Logging.Abstractions;
using Tracking.Storage;
using Tracking.Storage.Persistence;
using Tracking.Storage.Reminders;
using Tracking.Storage.Views;

namespace Tracking.Grains.Tests;

/// <summary>
/// A store that shows each batch of grain writes to <paramref name="beforeWrite"/> just before it
/// goes in: what a writer sends, or another writer getting there between its read and its write.
/// It counts the grains whose states were read through it.
/// </summary>
internal sealed class WriteWatchingStore(ITrackingStore inner, Func<IReadOnlyList<StateWrite>, Task> beforeWrite) : ITrackingStore
{
    private readonly WatchedGrains _grains = new(inner.Grains, beforeWrite);

    public string Description => inner.Description;

    public bool IsShared => inner.IsShared;

    public string AdoNetInvariant => inner.AdoNetInvariant;

    public string AdoNetConnectionString => inner.AdoNetConnectionString;

    public int MaxConcurrentWriteBatches => inner.MaxConcurrentWriteBatches;

    public bool KeepsEveryState => inner.KeepsEveryState;

    public IGrainStore Grains => _grains;

    /// <summary>How many grains' states were read through this store.</summary>
    public int StatesRead => _grains.StatesRead;

    /// <summary>How many grains' rows (without their states) were read through this store.</summary>
    public int RowsRead => _grains.RowsRead;

    /// <summary>What a grain-side writer (a sweep's recording, an import) writes through, over this store.</summary>
    public GrainStateStore States() => new(this, new StorageOptions(), "test", NullLogger<GrainStateStore>.Instance);

    public IViewStore Views => inner.Views;

    public IReminderRows Reminders => inner.Reminders;

    public Task PingAsync(CancellationToken cancellationToken) => inner.PingAsync(cancellationToken);

    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private sealed class WatchedGrains(IGrainStore inner, Func<IReadOnlyList<StateWrite>, Task> beforeWrite) : IGrainStore
    {
        public async Task<IReadOnlyList<WriteOutcome>> WriteBatchAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken)
        {
            await beforeWrite(writes);
            return await inner.WriteBatchAsync(writes, cancellationToken);
        }

        private int _statesRead;

        public int StatesRead => Volatile.Read(ref _statesRead);

        public Task<IReadOnlyList<StoredState?>> ReadStatesAsync(IReadOnlyList<GrainKey> grains, CancellationToken cancellationToken)
        {
            Interlocked.Add(ref _statesRead, grains.Count);
            return inner.ReadStatesAsync(grains, cancellationToken);
        }

        private int _rowsRead;

        public int RowsRead => Volatile.Read(ref _rowsRead);

        public Task<IReadOnlyList<StoredRow?>> ReadRowsAsync(IReadOnlyList<GrainKey> grains, CancellationToken cancellationToken)
        {
            Interlocked.Add(ref _rowsRead, grains.Count);
            return inner.ReadRowsAsync(grains, cancellationToken);
        }

        public Task<IReadOnlyList<StoredRecordHash>> ReadRecordHashesAsync(IReadOnlyList<GrainKey> grains, CancellationToken cancellationToken) => inner.ReadRecordHashesAsync(grains, cancellationToken);

        public Task WriteRecordHashesAsync(IReadOnlyList<CheckedRecordHash> hashes, CancellationToken cancellationToken) => inner.WriteRecordHashesAsync(hashes, cancellationToken);

        public Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(GrainKey grain, CancellationToken cancellationToken) => inner.ReadEventsAsync(grain, cancellationToken);

        public Task<IReadOnlyList<string>> ListKeysAsync(string grainType, string? after, int limit, CancellationToken cancellationToken) => inner.ListKeysAsync(grainType, after, limit, cancellationToken);

        public Task<long> ReadAllAsync(string grainType, DateTimeOffset? indexedSince, int pageSize, Func<IReadOnlyList<IndexedRecord>, Task> page, CancellationToken cancellationToken) =>
            inner.ReadAllAsync(grainType, indexedSince, pageSize, page, cancellationToken);

        public Task<DateTimeOffset> ReadClockAsync(CancellationToken cancellationToken) => inner.ReadClockAsync(cancellationToken);
    }
}
