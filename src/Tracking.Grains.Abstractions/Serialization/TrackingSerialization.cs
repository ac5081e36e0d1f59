using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Cloning;
using Orleans.Serialization.Codecs;
using Orleans.Serialization.Configuration;
using Orleans.Serialization.Serializers;
using Tracking.Domain;

namespace Tracking.Grains.Serialization;

/// <summary>
/// How grain calls carry Tracking's types, for every silo and client: the contracts' records by
/// Orleans' generated serializers, the domain's types (which know nothing of Orleans) as JSON
/// with <see cref="TrackingJson.Options"/> (those a sweep carries by the hundred thousand by
/// surrogates instead), and read-only collections the compiler makes as arrays.
/// Domain types are immutable records, so a call within a silo passes them as they are instead of copying them.
/// </summary>
public static class TrackingSerialization
{
    /// <summary>Domain types carried by a surrogate of this assembly (<see cref="RegisterConverterAttribute"/>), not as JSON.</summary>
    private static readonly HashSet<Type> s_surrogated = [..
        from converter in typeof(TrackingSerialization).Assembly.GetTypes()
        where converter.IsDefined(typeof(RegisterConverterAttribute), inherit: false)
        from face in converter.GetInterfaces()
        where face.IsGenericType && face.GetGenericTypeDefinition() == typeof(IConverter<,>)
        select face.GetGenericArguments()[0]];

    public static IServiceCollection AddTrackingSerialization(this IServiceCollection services)
    {
        var collections = new CompilerCollectionCodec();
        services.AddSingleton<IGeneralizedCodec>(collections);
        services.AddSingleton<IGeneralizedCopier>(collections);
        services.AddSingleton<IGeneralizedCopier, DomainTypesAreImmutable>();

        // Tracking's own exceptions (storage unreachable, a write that lost to another) cross
        // silos as Orleans carries exceptions: their type and message.
        services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("Tracking"));
        return services.AddSerializer(serializer => serializer
            .AddJsonSerializer(IsCarriedAsJson, isCopyable: null, options => options.Configure(o => o.SerializerOptions = TrackingJson.Options))
            // Methods declare abstract domain types (ExchangeReply); their names must pass the type filter.
            .Configure((TypeManifestOptions o) => o.AddAllowedAssembly(typeof(Won).Assembly)));
    }

    private static bool IsDomainType(Type type) =>
        type.Assembly == typeof(Won).Assembly && !typeof(Exception).IsAssignableFrom(type) && !CompilerCollectionCodec.IsCompilerCollection(type);

    private static bool IsCarriedAsJson(Type type) => IsDomainType(type) && !s_surrogated.Contains(type);

    private sealed class DomainTypesAreImmutable : IGeneralizedCopier
    {
        public object? DeepCopy(object? input, CopyContext context) => input;

        public bool IsSupportedType(Type type) => IsDomainType(type);
    }
}
