using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Tracking.Runtime.Persistence;

/// <summary>
/// Group commit: writes from many grains wait in a queue and a few writer loops commit them in
/// batches, so one silo makes thousands of durable writes a second with one fsync per batch.
/// Each grain still waits for its own write, so durability per call is unchanged.
/// </summary>
internal sealed partial class StateWriteBatcher : IStateWriter, IAsyncDisposable
{
    private readonly IGrainStorage _storage;
    private readonly int _maxBatchSize;
    private readonly ILogger _logger;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Task[] _loops;

    public StateWriteBatcher(IGrainStorage storage, int maxBatchSize, int concurrency, ILogger logger)
    {
        _storage = storage;
        _maxBatchSize = maxBatchSize;
        _logger = logger;
        _loops = Enumerable.Range(0, concurrency).Select(_ => Task.Run(RunAsync)).ToArray();
    }

    public Task<long> WriteAsync(StateWrite write, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingWrite(write);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new StorageUnavailableException("The silo is stopping; no more writes are accepted.");
        }

        return pending.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_loops).ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingWrite>(_maxBatchSize);
        var writes = new List<StateWrite>(_maxBatchSize);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatchSize && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
                writes.Add(next.Write);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            await CommitAsync(batch, writes).ConfigureAwait(false);
            batch.Clear();
            writes.Clear();
        }
    }

    private async Task CommitAsync(List<PendingWrite> batch, List<StateWrite> writes)
    {
        IReadOnlyList<WriteOutcome> outcomes;
        try
        {
            // Writes already accepted complete even if their caller gave up, so a cancelled call
            // never leaves the caller unsure whether a write it started was half done.
            outcomes = await _storage.WriteBatchAsync(writes, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
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
                    pending.Completion.TrySetException(new InconsistentStateException(pending.Write.Grain, pending.Write.ExpectedVersion));
                    break;
                case WriteOutcome.Failed failed:
                    pending.Completion.TrySetException(new StorageUnavailableException($"Write to grain {pending.Write.Grain} failed: {failed.Error.Message}", failed.Error));
                    break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} state writes failed")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception exception);

    private sealed class PendingWrite(StateWrite write)
    {
        public StateWrite Write { get; } = write;

        public TaskCompletionSource<long> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
