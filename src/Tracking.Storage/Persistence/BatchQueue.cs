using System.Diagnostics;
using System.Threading.Channels;

namespace Tracking.Storage.Persistence;

/// <summary>One caller's request in a batch, and the task the caller waits on.</summary>
public sealed class Batched<TRequest, TResult>(TRequest request)
{
    public TRequest Request { get; } = request;

    public TaskCompletionSource<TResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The span the caller was in, for the batch to link to (default when nothing traces).</summary>
    public ActivityContext Caller { get; } = Activity.Current?.Context ?? default;
}

/// <summary>
/// Requests from many callers wait in a queue; a few loops take them in batches of at most
/// <c>maxBatchSize</c> and hand each batch to <c>process</c>, which completes every caller's task.
/// One round trip to the store then serves a whole batch of callers.
/// </summary>
public sealed class BatchQueue<TRequest, TResult> : IAsyncDisposable
{
    private readonly Channel<Batched<TRequest, TResult>> _queue = Channel.CreateUnbounded<Batched<TRequest, TResult>>();
    private readonly int _maxBatchSize;
    private readonly Func<IReadOnlyList<Batched<TRequest, TResult>>, Task> _process;
    private readonly Task[] _loops;

    public BatchQueue(int maxBatchSize, int concurrency, Func<IReadOnlyList<Batched<TRequest, TResult>>, Task> process)
    {
        _maxBatchSize = maxBatchSize;
        _process = process;
        // The loops serve every caller, so they must not run inside the trace of whoever made the queue.
        using (ExecutionContext.SuppressFlow())
        {
            _loops = Enumerable.Range(0, concurrency).Select(_ => Task.Run(RunAsync)).ToArray();
        }
    }

    public Task<TResult> EnqueueAsync(TRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new Batched<TRequest, TResult>(request);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new StorageUnavailableException("The store is closing; it takes no more requests.");
        }

        return pending.Completion.Task;
    }

    /// <summary>Fails every caller of a batch the store could not commit, with the error every caller knows.</summary>
    public static void FailAll(IReadOnlyList<Batched<TRequest, TResult>> batch, Exception failure)
    {
        var error = failure as StorageUnavailableException ?? new StorageUnavailableException($"Storage write failed: {failure.Message}", failure);
        foreach (var pending in batch)
        {
            pending.Completion.TrySetException(error);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_loops).ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<Batched<TRequest, TResult>>(_maxBatchSize);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatchSize && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            if (batch.Count > 0)
            {
                await _process(batch).ConfigureAwait(false);
                batch.Clear();
            }
        }
    }
}
