namespace Tracking.Runtime;

/// <summary>Implemented by a grain class for each message it handles; runs inside one turn.</summary>
public interface IHandle<in TMessage, TResult>
{
    Task<TResult> HandleAsync(TMessage message, CancellationToken cancellationToken);
}
