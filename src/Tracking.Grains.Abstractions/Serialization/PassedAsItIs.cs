using Orleans.Serialization.Cloning;

namespace Tracking.Grains.Serialization;

/// <summary>
/// A copier for a domain type carried by a surrogate: the domain's types are immutable, so a call
/// within a silo passes them as they are, as it does every domain type carried as JSON, rather
/// than copying them through the surrogate as Orleans would.
/// </summary>
public abstract class PassedAsItIs<T> : IDeepCopier<T>
    where T : class
{
    public T? DeepCopy(T? input, CopyContext context) => input;
}
