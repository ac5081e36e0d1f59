namespace Tracking.Runtime;

public interface IGrainFactory
{
    /// <summary>A reference to the grain implementing <typeparamref name="TGrain"/> with this key; no activation happens until a call.</summary>
    GrainReference<TGrain> Get<TGrain>(string key) where TGrain : IGrain;
}
