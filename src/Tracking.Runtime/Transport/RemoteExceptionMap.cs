using Tracking.Runtime.Hosting;
using Tracking.Runtime.Persistence;

namespace Tracking.Runtime.Transport;

/// <summary>
/// Which exceptions a grain on another silo can throw to the caller as themselves: an application
/// registers its own (a domain rejection, say); anything else arrives as <see cref="RemoteGrainException"/>.
/// Only the type and message cross, never a stack trace.
/// </summary>
public sealed class RemoteExceptionMap
{
    private readonly Dictionary<string, Func<string, Exception>> _factories = new(StringComparer.Ordinal);

    public RemoteExceptionMap()
    {
        Add(message => new StorageUnavailableException(message));
        Add(message => new SiloUnavailableException(message));
    }

    public RemoteExceptionMap Add<TException>(Func<string, TException> create) where TException : Exception
    {
        _factories[typeof(TException).FullName!] = create;
        return this;
    }

    internal Exception Recreate(RemoteFault fault) =>
        _factories.TryGetValue(fault.Type, out var create) ? create(fault.Message) : new RemoteGrainException(fault.Type, fault.Message);
}
