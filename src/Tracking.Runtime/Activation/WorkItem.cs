using System.Diagnostics;

namespace Tracking.Runtime.Activation;

/// <summary>One message waiting in an activation's mailbox, with the caller's pending result.</summary>
internal abstract class WorkItem(object message, CancellationToken cancellationToken)
{
    public object Message { get; } = message;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>The span the call was made in: a queued turn runs on the thread pool, outside the caller's context, yet continues its trace.</summary>
    protected Activity? Caller { get; } = Activity.Current;

    /// <summary>The exception the handler threw, if any, for the activation to react to (e.g. reload after a write conflict).</summary>
    public Exception? HandlerError { get; protected set; }

    /// <summary>Runs the handler and completes the caller's result; never throws.</summary>
    public abstract Task RunAsync(Grain grain);

    public abstract void Fail(Exception error);
}

internal sealed class WorkItem<TResult>(
    object message,
    Func<Grain, object, CancellationToken, Task<TResult>> handler,
    CancellationToken cancellationToken) : WorkItem(message, cancellationToken)
{
    // Continuations run asynchronously so a caller's code never runs inside the grain's turn loop.
    private readonly TaskCompletionSource<TResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<TResult> Result => _result.Task;

    public override async Task RunAsync(Grain grain)
    {
        if (Caller is { } caller && Activity.Current != caller)
        {
            Activity.Current = caller;
        }

        if (CancellationToken.IsCancellationRequested)
        {
            _result.TrySetCanceled(CancellationToken);
            return;
        }

        try
        {
            _result.TrySetResult(await handler(grain, Message, CancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException ex) when (ex.CancellationToken == CancellationToken)
        {
            _result.TrySetCanceled(CancellationToken);
        }
        catch (Exception ex)
        {
            HandlerError = ex;
            _result.TrySetException(ex);
        }
    }

    public override void Fail(Exception error) => _result.TrySetException(error);
}
