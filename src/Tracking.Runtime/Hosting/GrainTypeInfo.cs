using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Runtime.Reminders;

namespace Tracking.Runtime.Hosting;

/// <summary>How to create a grain class and dispatch messages to its handlers.</summary>
internal sealed class GrainTypeInfo
{
    private static readonly MethodInfo s_makeRemoteInvoker = typeof(GrainTypeInfo).GetMethod(nameof(MakeRemoteInvoker), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo s_makeHandler = typeof(GrainTypeInfo).GetMethod(nameof(MakeHandler), BindingFlags.NonPublic | BindingFlags.Static)!;
    private readonly ObjectFactory _factory;
    private readonly Dictionary<Type, Delegate> _handlers = [];
    private readonly ConcurrentDictionary<Type, Delegate?> _resolved = new();
    private readonly Dictionary<string, RemoteHandler> _remote = new(StringComparer.Ordinal);

    public GrainTypeInfo(string name, Type grainClass)
    {
        Name = name;
        _factory = ActivatorUtilities.CreateFactory(grainClass, Type.EmptyTypes);
        foreach (var handler in grainClass.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IHandle<,>)))
        {
            var args = handler.GetGenericArguments();
            _handlers[args[0]] = (Delegate)s_makeHandler.MakeGenericMethod(args).Invoke(null, null)!;
        }

        if (typeof(IRemindable).IsAssignableFrom(grainClass))
        {
            _handlers[typeof(ReminderFired)] = (Func<Grain, object, CancellationToken, Task<Done>>)DeliverReminder;
        }

        foreach (var (message, handler) in _handlers)
        {
            var result = handler.GetType().GetGenericArguments()[^1].GetGenericArguments()[0];
            _remote[message.FullName!] = new RemoteHandler(
                message,
                result,
                (RemoteInvoker)s_makeRemoteInvoker.MakeGenericMethod(result).Invoke(null, null)!);
        }
    }

    /// <summary>Runs a message that arrived from another silo; its result boxed, as the transport serializes it.</summary>
    internal delegate Task<object?> RemoteInvoker(Silo silo, GrainId grain, GrainTypeInfo type, object message, TimeSpan timeout, bool forwarded, CancellationToken cancellationToken);

    /// <summary>What a message type's name resolves to for a call arriving over the transport.</summary>
    internal sealed record RemoteHandler(Type MessageType, Type ResultType, RemoteInvoker Invoke);

    public string Name { get; }

    public Grain Create(IServiceProvider services) => (Grain)_factory(services, null);

    /// <summary>The handler for a message type (or the nearest base type or interface it handles).</summary>
    public Func<Grain, object, CancellationToken, Task<TResult>>? FindHandler<TResult>(Type messageType) =>
        _resolved.GetOrAdd(messageType, Lookup) as Func<Grain, object, CancellationToken, Task<TResult>>;

    /// <summary>The handler of a message type named as the transport names it (its full name).</summary>
    public RemoteHandler? FindRemoteHandler(string messageTypeName) => _remote.GetValueOrDefault(messageTypeName);

    /// <summary>Every message type handled and its result type, for checking that all can cross silos.</summary>
    public IEnumerable<RemoteHandler> RemoteHandlers => _remote.Values;

    private Delegate? Lookup(Type messageType)
    {
        for (var type = messageType; type is not null; type = type.BaseType)
        {
            if (_handlers.TryGetValue(type, out var handler))
            {
                return handler;
            }
        }

        return messageType.GetInterfaces().Select(i => _handlers.GetValueOrDefault(i)).FirstOrDefault(h => h is not null);
    }

    private static Func<Grain, object, CancellationToken, Task<TResult>> MakeHandler<TMessage, TResult>() =>
        static (grain, message, ct) => ((IHandle<TMessage, TResult>)grain).HandleAsync((TMessage)message, ct);

    private static RemoteInvoker MakeRemoteInvoker<TResult>() =>
        static async (silo, grain, type, message, timeout, forwarded, ct) =>
            await silo.RouteAsync(grain, type, type.FindHandler<TResult>(message.GetType())!, message, timeout, forwarded, ct).ConfigureAwait(false);

    private static async Task<Done> DeliverReminder(Grain grain, object message, CancellationToken cancellationToken)
    {
        var fired = (ReminderFired)message;
        await ((IRemindable)grain).ReceiveReminderAsync(fired.Name, fired.DueAt, cancellationToken).ConfigureAwait(false);
        return Done.Instance;
    }
}
