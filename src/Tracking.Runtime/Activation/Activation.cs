using Microsoft.Extensions.Logging;
using Tracking.Runtime.Persistence;

namespace Tracking.Runtime.Activation;

/// <summary>
/// One grain's presence in this silo: a mailbox run one turn at a time. The first message to an
/// idle activation runs on the caller's thread; messages that arrive during a turn queue and run
/// in order on the thread pool.
/// </summary>
internal sealed partial class Activation : IThreadPoolWorkItem
{
    private readonly Lock _gate = new();
    private readonly Queue<WorkItem> _mailbox = new();
    private readonly GrainContext _context;
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Grain? _grain;
    private bool _running;
    private bool _closed;
    private TaskCompletionSource? _drained;
    private WorkItem? _handedOff;
    private DateTimeOffset _lastActive;

    public Activation(GrainContext context)
    {
        _context = context;
        _lastActive = context.Runtime.TimeProvider.GetUtcNow();
    }

    public GrainId Id => _context.Id;

    public int Partition => _context.Partition;

    /// <summary>Completes once the activation has closed and left the directory; callers then retry.</summary>
    public Task Deactivated => _deactivated.Task;

    /// <summary>Accepts a message, running it now if the activation is idle. False once the activation is closing.</summary>
    public bool TryEnqueue(WorkItem item)
    {
        Grain? interleaveWith = null;
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            if (_running && item.Message is IInterleavingCall && _grain is { } grain)
            {
                interleaveWith = grain;
            }
            else if (_running)
            {
                _mailbox.Enqueue(item);
                _context.Runtime.Mailboxes.Increment();
                return true;
            }
            else
            {
                _running = true;
            }
        }

        if (interleaveWith is not null)
        {
            _ = item.RunAsync(interleaveWith);
            return true;
        }

        RunInline(item);
        return true;
    }

    /// <summary>Closes the activation if it has had nothing to do since <paramref name="idleSince"/>.</summary>
    public bool TryCloseIfIdle(DateTimeOffset idleSince)
    {
        lock (_gate)
        {
            if (_closed || _running || _lastActive > idleSince)
            {
                return false;
            }

            _closed = true;
            return true;
        }
    }

    /// <summary>Stops accepting messages and completes when the messages already accepted have run.</summary>
    public Task CloseAsync()
    {
        lock (_gate)
        {
            _closed = true;
            if (!_running)
            {
                return Task.CompletedTask;
            }

            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _drained.Task;
        }
    }

    /// <summary>Runs the grain's deactivation code after <see cref="CloseAsync"/> or <see cref="TryCloseIfIdle"/>.</summary>
    public async Task DeactivateAsync(Action<Activation> removeFromDirectory, CancellationToken cancellationToken)
    {
        try
        {
            if (_grain is not null)
            {
                await _grain.OnDeactivateAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            LogDeactivationFailed(_context.Runtime.Logger, Id, ex);
        }
        finally
        {
            _grain = null;
            removeFromDirectory(this);
            _deactivated.TrySetResult();
        }
    }

    void IThreadPoolWorkItem.Execute() => _ = DrainAsync();

    private void RunInline(WorkItem item)
    {
        // The caller's synchronization context (a UI or test framework's) must not capture the
        // grain's continuations: turns belong to the silo, not to whoever happened to call.
        var callerContext = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            _ = RunInlineTurnAsync(item);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(callerContext);
        }
    }

    private async Task RunInlineTurnAsync(WorkItem item)
    {
        await RunTurnAsync(item).ConfigureAwait(false);
        if (TakeNext() is { } next)
        {
            // Queued messages are not the caller's business: hand them to the thread pool.
            _handedOff = next;
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    private async Task DrainAsync()
    {
        var item = _handedOff;
        _handedOff = null;
        while (item is not null)
        {
            await RunTurnAsync(item).ConfigureAwait(false);
            item = TakeNext();
        }
    }

    private WorkItem? TakeNext()
    {
        lock (_gate)
        {
            if (_mailbox.TryDequeue(out var next))
            {
                _context.Runtime.Mailboxes.Decrement();
                return next;
            }

            _running = false;
            _lastActive = _context.Runtime.TimeProvider.GetUtcNow();
            if (_closed)
            {
                _drained?.TrySetResult();
            }

            return null;
        }
    }

    private async Task RunTurnAsync(WorkItem item)
    {
        if (_grain is null)
        {
            try
            {
                _grain = await ActivateAsync(item.CancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LogActivationFailed(_context.Runtime.Logger, Id, ex);
                item.Fail(new GrainActivationException(Id, ex));
                return;
            }
        }

        await item.RunAsync(_grain).ConfigureAwait(false);
        if (item.HandlerError is InconsistentStateException or Placement.PartitionMovedException)
        {
            // Another writer changed the stored state, or may have: drop this instance so the next
            // message runs against a fresh activation that reads the current state.
            LogReloadingAfterConflict(_context.Runtime.Logger, Id);
            _grain = null;
        }
    }

    private async Task<Grain> ActivateAsync(CancellationToken cancellationToken)
    {
        var grain = _context.Type.Create(_context.Runtime.Services);
        grain.Attach(_context);
        await grain.LoadStateAsync(cancellationToken).ConfigureAwait(false);
        await grain.OnActivateAsync(cancellationToken).ConfigureAwait(false);
        return grain;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activation of grain {Grain} failed")]
    private static partial void LogActivationFailed(ILogger logger, GrainId grain, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deactivation of grain {Grain} threw; the activation is removed anyway")]
    private static partial void LogDeactivationFailed(ILogger logger, GrainId grain, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Grain {Grain} lost a write race; it reloads its state before the next message")]
    private static partial void LogReloadingAfterConflict(ILogger logger, GrainId grain);
}
