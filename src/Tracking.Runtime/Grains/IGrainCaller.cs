namespace Tracking.Runtime;

/// <summary>What a grain reference sends its calls through: the local silo today, a remote one through a transport.</summary>
internal interface IGrainCaller
{
    Task<TResult> CallAsync<TResult>(GrainId id, object message, TimeSpan? timeout, CancellationToken cancellationToken);
}
