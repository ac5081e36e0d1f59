using System.Reflection;
using System.Text.Json;

namespace Tracking.Runtime.Hosting;

/// <summary>The grain classes a silo hosts, by interface and by stored type name.</summary>
public sealed class GrainTypeRegistry
{
    private readonly Dictionary<Type, GrainTypeInfo> _byInterface = [];
    private readonly Dictionary<string, GrainTypeInfo> _byName = new(StringComparer.Ordinal);

    /// <summary>Registers <typeparamref name="TGrain"/> as the implementation of <typeparamref name="TInterface"/>.</summary>
    public GrainTypeRegistry Add<TInterface, TGrain>()
        where TInterface : IGrain
        where TGrain : Grain, TInterface
    {
        var name = typeof(TGrain).GetCustomAttribute<GrainTypeAttribute>()?.Name
            ?? throw new InvalidOperationException($"{typeof(TGrain).Name} needs a [GrainType(\"name\")] attribute.");
        if (_byName.ContainsKey(name) || _byInterface.ContainsKey(typeof(TInterface)))
        {
            throw new InvalidOperationException($"Grain type '{name}' or interface {typeof(TInterface).Name} is registered twice.");
        }

        var info = new GrainTypeInfo(name, typeof(TGrain));
        _byInterface.Add(typeof(TInterface), info);
        _byName.Add(name, info);
        return this;
    }

    /// <summary>Messages and results of the registered grains that <paramref name="json"/> has no metadata for, so they cannot cross silos.</summary>
    public IReadOnlyList<string> MissingWireTypes(JsonSerializerOptions json) => _byName.Values
        .SelectMany(t => t.RemoteHandlers)
        .SelectMany(h => new[] { h.MessageType, h.ResultType })
        .Distinct()
        .Where(type => type != typeof(Done) && !json.TryGetTypeInfo(type, out _) && Transport.RuntimeJsonContext.Default.GetTypeInfo(type) is null)
        .Select(type => type.Name)
        .Order(StringComparer.Ordinal)
        .ToArray();

    internal GrainTypeInfo Resolve(Type grainInterface) =>
        _byInterface.TryGetValue(grainInterface, out var info) ? info : throw new UnknownGrainTypeException(grainInterface.Name);

    internal GrainTypeInfo Resolve(string name) =>
        _byName.TryGetValue(name, out var info) ? info : throw new UnknownGrainTypeException(name);
}
