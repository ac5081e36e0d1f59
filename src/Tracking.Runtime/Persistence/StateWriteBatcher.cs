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
    private readonly ILogger _logger;
    private readonly BatchQueue<StateWrite, long> _queue;

    public StateWriteBatcher(IGrainStorage storage, int maxBatchSize, int concurrency, ILogger logger)
    {
        _storage = storage;
        _logger = logger;
        _queue = new BatchQueue<StateWrite, long>(maxBatchSize, concurrency, CommitAsync);
    }

    public Task<long> WriteAsync(StateWrite write, CancellationToken cancellationToken) => _queue.EnqueueAsync(write, cancellationToken);

    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    private async Task CommitAsync(IReadOnlyList<Batched<StateWrite, long>> batch)
    {
        IReadOnlyList<WriteOutcome> outcomes;
        var started = Stopwatch.GetTimestamp();
        RuntimeTelemetry.WriteBatchSize.Record(batch.Count);
        try
        {
            // Writes already accepted complete even if their caller gave up, so a cancelled call
            // never leaves the caller unsure whether a write it started was half done.
            outcomes = await _storage.WriteBatchAsync(batch.Select(b => b.Request).ToArray(), CancellationToken.None).ConfigureAwait(false);
            RuntimeTelemetry.WriteBatchDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex)
        {
            RuntimeTelemetry.Writes.Add(batch.Count, new KeyValuePair<string, object?>(RuntimeTelemetry.OutcomeTag, "failed"));
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
            RuntimeTelemetry.Writes.Add(1, new KeyValuePair<string, object?>(RuntimeTelemetry.OutcomeTag, OutcomeName(outcomes[i])));
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

    private static string OutcomeName(WriteOutcome outcome) => outcome switch
    {
        WriteOutcome.Written => "written",
        WriteOutcome.Conflict => "conflict",
        WriteOutcome.Fenced => "fenced",
        _ => "failed",
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} state writes failed")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception exception);
}
