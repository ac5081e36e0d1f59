using System.Reflection;
using System.Text.Json;
using Tracking.Domain.Identity;
using Tracking.Domain.Matching.Weights;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization.Serializers;
using Tracking.Grains.Seizures;
using Tracking.Grains.Serialization;

namespace Tracking.Grains.Tests.Cluster;

public sealed class WireTypeTests
{
    /// <summary>
    /// A parameter or result Orleans cannot serialize fails only when called, and breaks every
    /// method of its interface: every type every grain method carries has a codec and a copier,
    /// and a domain type (carried as JSON) has its JSON metadata, which within one silo is never asked for.
    /// </summary>
    [Fact]
    public void A_shard_s_counts_from_a_silo_that_counts_no_names_still_add_up()
    {
        // What a shard of the version before name frequencies sends: no "Names".
        var earlier = JsonSerializer.Deserialize("""{"Taxpayers":3,"Accounts":4,"Random":{},"ByRule":{},"Compared":{"5":2},"Keys":{}}""", TrackingJsonContext.Default.ComparisonSample)!;
        var counter = new ComparisonCounter();
        counter.AddNames([new TaxpayerIdentity("T1", PersonName.Parse("김민준"), null, null, null)]);

        var sum = counter.ToSample(0, 0).Add(earlier);

        Assert.Empty(earlier.Names);
        Assert.Equal(1, sum.Names["김민준"]);
        Assert.Equal(2, sum.Compared[5]);
    }

    [Fact]
    public void Every_parameter_and_result_of_every_grain_method_can_cross_silos()
    {
        using var services = new ServiceCollection().AddTrackingSerialization().BuildServiceProvider();
        var codecs = services.GetRequiredService<ICodecProvider>();
        var interfaces = typeof(ISeizureGrain).Assembly.GetTypes().Where(t => t.IsInterface && typeof(IGrain).IsAssignableFrom(t)).ToArray();
        var carried = interfaces
            .SelectMany(i => i.GetMethods())
            .SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(ResultOf(m)))
            .Where(t => t is not null && t != typeof(CancellationToken))
            .Distinct()
            .ToArray();

        var missing = carried.Where(t => !Carries(codecs, t!)).Select(t => t!.Name).ToArray();

        Assert.True(interfaces.Length >= 5, "the grain interfaces were not found");
        Assert.True(missing.Length == 0, "No codec or copier for: " + string.Join(", ", missing));
    }

    private static Type? ResultOf(MethodInfo method) =>
        method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>) ? method.ReturnType.GetGenericArguments()[0] : null;

    private static bool Carries(ICodecProvider codecs, Type type)
    {
        try
        {
            // An interface or abstract type is carried as the concrete type of its value: check what may come.
            var concrete = type.IsInterface && type.IsGenericType ? typeof(List<>).MakeGenericType(type.GetGenericArguments()) : type;
            codecs.GetCodec(concrete);
            codecs.GetDeepCopier(concrete);
            foreach (var domainType in new[] { concrete }.Concat(concrete.GetGenericArguments()).Select(t => Nullable.GetUnderlyingType(t) ?? t).Where(t => t.Assembly == typeof(Domain.Won).Assembly))
            {
                TrackingJson.Options.GetTypeInfo(domainType);
            }

            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }
}
