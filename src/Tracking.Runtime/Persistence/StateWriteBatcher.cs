using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Tracking.Runtime.Diagnostics;

namespace Tracking.Runtime.Persistence;

/// <summary>
/// Group commit: writes from many grains wait in a queue and a few writer loops commit them in
/// batches, so one silo makes thousands of durable writes a second with one fsync per batch.
/// Each grain still waits for its own write, so durability per call is unchanged.
/// </summary>
internal sealed partial class StateWriteBatcher : IStateWriter, IAsyncDisposable
{
    private readonly IGrainStorage _storage;
    private readonly KeyValuePair<string, object?> _silo;
    private readonly ILogger _logger;
    private readonly BatchQueue<StateWrite, long> _queue;

    public StateWriteBatcher(IGrainStorage storage, int maxBatchSize, int concurrency, string? silo, ILogger logger)
    {
        _storage = storage;
        _silo = RuntimeTelemetry.SiloOf(silo);
        _logger = logger;
        _queue = new BatchQueue<StateWrite, long>(maxBatchSize, concurrency, CommitAsync);
    }

    public Task<long> WriteAsync(StateWrite write, CancellationToken cancellationToken) =>
        RuntimeTelemetry.Source.HasListeners() ? WriteTracedAsync(write, cancellationToken) : _queue.EnqueueAsync(write, cancellationToken);

    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    /// <summary>The write as a span of its grain call's trace, from the queue to the commit; the batch it went in links to it.</summary>
    private async Task<long> WriteTracedAsync(StateWrite write, CancellationToken cancellationToken)
    {
        using var activity = RuntimeTelemetry.Source.StartActivity($"write {write.Grain.Type}");
        activity?.SetTag(RuntimeTelemetry.GrainTypeTag, write.Grain.Type);
        activity?.SetTag(RuntimeTelemetry.PartitionTag, write.Partition);
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
        using var activity = RuntimeTelemetry.Source.HasListeners()
            ? RuntimeTelemetry.StartWrites(batch.Count, batch.Where(b => b.Caller != default).Select(b => new ActivityLink(b.Caller)).ToArray())
            : null;
        try
        {
            // Writes already accepted complete even if their caller gave up, so a cancelled call
            // never leaves the caller unsure whether a write it started was half done.
            outcomes = await _storage.WriteBatchAsync(batch.Select(b => b.Request).ToArray(), CancellationToken.None).ConfigureAwait(false);
            RuntimeTelemetry.RecordWrites(activity, _silo, batch.Count, Stopwatch.GetElapsedTime(started), outcomes);
        }
        catch (Exception ex)
        {
            RuntimeTelemetry.RecordWrites(activity, _silo, batch.Count, Stopwatch.GetElapsedTime(started), outcomes: null);
            LogBatchFailed(_logger, batch.Count, ex);
            var error = ex as StorageUnavailableException ?? new StorageUnavailableException($"Storage write failed: {ex.Message}", ex);
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(error);
            }

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
                    pending.Completion.TrySetException(new InconsistentStateException(pending.Request.Grain, pending.Request.ExpectedVersion));
                    break;
                case WriteOutcome.Fenced:
                    pending.Completion.TrySetException(new Placement.PartitionMovedException(pending.Request.Grain, pending.Request.Partition));
                    break;
                case WriteOutcome.Failed failed:
                    pending.Completion.TrySetException(new StorageUnavailableException($"Write to grain {pending.Request.Grain} failed: {failed.Error.Message}", failed.Error));
                    break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} state writes failed")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception exception);
}
