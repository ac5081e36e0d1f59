using Microsoft.Extensions.Logging;
using Tracking.Storage.Persistence;

namespace Tracking.Storage.Reminders;

/// <summary>
/// What Orleans' reminder service reads and writes reminders through: writes from many grains
/// group-committed as grain state is (one transaction for a batch), reads and writes on the
/// store's own threads.
/// </summary>
public sealed partial class ReminderStore : IAsyncDisposable
{
    private readonly IReminderRows _rows;
    private readonly ILogger _logger;
    private readonly BatchQueue<ReminderWrite, WriteOutcome> _queue;

    public ReminderStore(ITrackingStore store, StorageOptions options, ILogger<ReminderStore> logger)
    {
        _rows = store.Reminders;
        _logger = logger;
        _queue = new BatchQueue<ReminderWrite, WriteOutcome>(options.MaxWriteBatchSize, Math.Min(options.WriterConcurrency, store.MaxConcurrentWriteBatches), CommitAsync);
    }

    /// <summary>Sets or moves a reminder; answers its new version.</summary>
    public async Task<long> SetAsync(ReminderWrite.Set write, CancellationToken cancellationToken) =>
        await _queue.EnqueueAsync(write, cancellationToken).ConfigureAwait(false) switch
        {
            WriteOutcome.Written written => written.Version,
            WriteOutcome.Failed failed => throw new StorageUnavailableException($"Setting reminder {write.Name} failed: {failed.Error.Message}", failed.Error),
            var other => throw new InvalidOperationException($"A reminder's upsert cannot end as {other}."),
        };

    /// <summary>Removes a reminder if it is still at the given version; false if it was not (moved, or gone).</summary>
    public async Task<bool> RemoveAsync(ReminderWrite.Remove write, CancellationToken cancellationToken) =>
        await _queue.EnqueueAsync(write, cancellationToken).ConfigureAwait(false) switch
        {
            WriteOutcome.Written => true,
            WriteOutcome.Conflict => false,
            WriteOutcome.Failed failed => throw new StorageUnavailableException($"Removing reminder {write.Name} failed: {failed.Error.Message}", failed.Error),
            var other => throw new InvalidOperationException($"A reminder's removal cannot end as {other}."),
        };

    public Task<IReadOnlyList<ReminderRow>> ReadGrainAsync(string serviceId, string grainId, CancellationToken cancellationToken) =>
        StoreCall.OffGrainThreadAsync(() => _rows.ReadGrainAsync(serviceId, grainId, cancellationToken), cancellationToken);

    public Task<ReminderRow?> ReadAsync(string serviceId, string grainId, string name, CancellationToken cancellationToken) =>
        StoreCall.OffGrainThreadAsync(() => _rows.ReadAsync(serviceId, grainId, name, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<ReminderRow>> ReadRangeAsync(string serviceId, ReminderRange range, CancellationToken cancellationToken) =>
        StoreCall.OffGrainThreadAsync(() => _rows.ReadRangeAsync(serviceId, range, cancellationToken), cancellationToken);

    public Task ClearAsync(string serviceId, CancellationToken cancellationToken) =>
        StoreCall.OffGrainThreadAsync(async () =>
        {
            await _rows.ClearAsync(serviceId, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    private async Task CommitAsync(IReadOnlyList<Batched<ReminderWrite, WriteOutcome>> batch)
    {
        IReadOnlyList<WriteOutcome> outcomes;
        try
        {
            // As with state: writes already accepted complete even if their caller gave up.
            outcomes = await _rows.WriteBatchAsync(batch.Select(b => b.Request).ToArray(), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogBatchFailed(_logger, batch.Count, ex);
            BatchQueue<ReminderWrite, WriteOutcome>.FailAll(batch, ex);
            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Completion.TrySetResult(outcomes[i]);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} reminder writes failed")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception exception);
}
