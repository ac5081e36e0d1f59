namespace Tracking.Runtime;

/// <summary>
/// A message that grains implementing <typeparamref name="TGrain"/> accept, answered with a
/// <typeparamref name="TResult"/>. Messages are records so they can cross silos as JSON.
/// </summary>
public interface IGrainCall<TGrain, TResult> where TGrain : IGrain;
