namespace Tracking.Runtime;

/// <summary>A location-transparent handle to a grain: cheap to create, valid on any silo.</summary>
public readonly struct GrainReference<TGrain> where TGrain : IGrain
{
    private readonly IGrainCaller _caller;

    internal GrainReference(GrainId id, IGrainCaller caller)
    {
        Id = id;
        _caller = caller;
    }

    public GrainId Id { get; }

    /// <summary>Sends a message and waits for its result, within the silo's default call timeout.</summary>
    public Task<TResult> CallAsync<TResult>(IGrainCall<TGrain, TResult> message, CancellationToken cancellationToken = default) =>
        _caller.CallAsync<TResult>(Id, message, timeout: null, cancellationToken);

    /// <summary>Sends a message and waits for its result within <paramref name="timeout"/>.</summary>
    public Task<TResult> CallAsync<TResult>(IGrainCall<TGrain, TResult> message, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        _caller.CallAsync<TResult>(Id, message, timeout, cancellationToken);

    public override string ToString() => Id.ToString();
}
