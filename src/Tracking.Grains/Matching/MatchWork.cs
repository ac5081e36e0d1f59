using System.Collections.Concurrent;

namespace Tracking.Grains.Matching;

/// <summary>
/// Runs a sweep's long computations (the match shards' sample for learning, their comparing, taking
/// out revised records; the model's training; sorting the sweep's candidates and setting them
/// apart) on threads of its own, one per core, instead of on the thread pool. A sweep's 64 shards
/// each compute for seconds at a time: run as their turns, they held the pool's threads, and the
/// silo's own timers (membership, health) and its case reads waited behind them, at 1M taxpayers up
/// to 18 s (loadtests/README.md, "The shards' work off the thread pool"). A shard's turn now waits
/// for its computation without holding a thread; nothing else runs on the shard meanwhile (its
/// calls are not interleaved), so the computation has its fields to itself.
/// </summary>
public sealed class MatchWork : IDisposable
{
    private readonly BlockingCollection<Action> _queue = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Thread[] _threads;

    public MatchWork()
        : this(Environment.ProcessorCount)
    {
    }

    internal MatchWork(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _threads = [.. Enumerable.Range(0, threads).Select(n => new Thread(Work) { IsBackground = true, Name = $"match-work-{n}" })];
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    /// <summary>Computations asked for and not yet begun.</summary>
    internal int Waiting => _queue.Count;

    /// <summary>Runs <paramref name="work"/> on one of these threads, in the order asked; what it throws is the task's.</summary>
    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        // Continuations run elsewhere (a grain's on its own scheduler), never holding one of these threads.
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add(
            () =>
            {
                if (cancellationToken.IsCancellationRequested || _stopping.IsCancellationRequested)
                {
                    done.TrySetCanceled(cancellationToken.IsCancellationRequested ? cancellationToken : _stopping.Token);
                    return;
                }

                try
                {
                    done.TrySetResult(work());
                }
                catch (Exception ex)
                {
                    done.TrySetException(ex);
                }
            },
            cancellationToken);
        return done.Task;
    }

    /// <inheritdoc cref="RunAsync{T}"/>
    public Task RunAsync(Action work, CancellationToken cancellationToken) =>
        RunAsync(
            () =>
            {
                work();
                return true;
            },
            cancellationToken);

    /// <summary>
    /// Waits for the computations under way (a silo stopping mid-sweep: seconds) and cancels those
    /// not begun, whose shards go with the silo.
    /// </summary>
    public void Dispose()
    {
        _stopping.Cancel();
        _queue.CompleteAdding();
        foreach (var thread in _threads)
        {
            thread.Join();
        }

        _queue.Dispose();
        _stopping.Dispose();
    }

    private void Work()
    {
        foreach (var work in _queue.GetConsumingEnumerable())
        {
            work();
        }
    }
}
