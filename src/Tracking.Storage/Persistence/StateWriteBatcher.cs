using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Tracking.Storage.Diagnostics;

namespace Tracking.Storage.Persistence;

/// <summary>
/// Group commit: writes from many grains wait in a queue and a few writer loops commit them in
/// batches, so one silo makes thousands of durable writes a second with one fsync per batch.
/// Each grain still waits for its own write, so durability per call is unchanged.
/// </summary>
internal sealed partial class StateWriteBatcher : IAsyncDisposable
{
    private readonly IGrainStore _store;
    private readonly KeyValuePair<string, object?> _silo;
    private readonly ILogger _logger;
    private readonly BatchQueue<StateWrite, long> _queue;

    public StateWriteBatcher(IGrainStore store, int maxBatchSize, int concurrency, string silo, ILogger logger)
    {
        _store = store;
        _silo = new(StorageTelemetry.SiloTag, silo);
        _logger = logger;
        _queue = new BatchQueue<StateWrite, long>(maxBatchSize, concurrency, CommitAsync);
    }

    /// <summary>The new version; throws <see cref="WriteConflictException"/> or <see cref="StorageUnavailableException"/>.</summary>
    public Task<long> WriteAsync(StateWrite write, CancellationToken cancellationToken) =>
        StorageTelemetry.Source.HasListeners() ? WriteTracedAsync(write, cancellationToken) : _queue.EnqueueAsync(write, cancellationToken);

    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    /// <summary>The write as a span of its grain call's trace, from the queue to the commit; the batch it went in links to it.</summary>
    private async Task<long> WriteTracedAsync(StateWrite write, CancellationToken cancellationToken)
    {
        using var activity = StorageTelemetry.StartWrite(write.Grain);
        try
        {
            return await _queue.EnqueueAsync(write, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }

    private async Task CommitAsync(IReadOnlyList<Batched<StateWrite, long>> batch)
    {
        IReadOnlyList<WriteOutcome> outcomes;
        var started = Stopwatch.GetTimestamp();
        using var activity = StorageTelemetry.Source.HasListeners()
            ? StorageTelemetry.StartBatch(batch.Count, batch.Where(b => b.Caller != default).Select(b => new ActivityLink(b.Caller)).ToArray())
            : null;
        try
        {
            // Writes already accepted complete even if their caller gave up, so a cancelled call
            // never leaves the caller unsure whether a write it started was half done.
            outcomes = await _store.WriteBatchAsync(batch.Select(b => b.Request).ToArray(), CancellationToken.None).ConfigureAwait(false);
            StorageTelemetry.RecordBatch(activity, _silo, batch.Count, Stopwatch.GetElapsedTime(started), outcomes);
        }
        catch (Exception ex)
        {
            StorageTelemetry.RecordBatch(activity, _silo, batch.Count, Stopwatch.GetElapsedTime(started), outcomes: null);
            LogBatchFailed(_logger, batch.Count, ex);
            BatchQueue<StateWrite, long>.FailAll(batch, ex);
            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            var pending = batch[i];
            switch (outcomes[i])
            {
                case WriteOutcome.Written written:
                    pending.Completion.TrySetResult(written.Version);
                    break;
                case WriteOutcome.Conflict:
                    pending.Completion.TrySetException(new WriteConflictException(pending.Request.Grain, pending.Request.ExpectedVersion));
                    break;
                case WriteOutcome.Failed failed:
                    pending.Completion.TrySetException(new StorageUnavailableException($"Write to grain {pending.Request.Grain.Type} failed: {failed.Error.Message}", failed.Error));
                    break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} state writes failed")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception exception);
}
