using System.Reflection;
using System.Text;
using System.Text.Json;
using Tracking.Domain.Identity;
using Tracking.Domain.Matching.Weights;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Cloning;
using Orleans.Serialization.Serializers;
using Tracking.Domain.Matching;
using Tracking.Domain.Seizures;
using Tracking.Grains.Matching;
using Tracking.Grains.Seizures;
using Tracking.Grains.Serialization;

namespace Tracking.Grains.Tests.Cluster;

public sealed class WireTypeTests
{
    private static readonly ServiceProvider s_services = new ServiceCollection().AddTrackingSerialization().BuildServiceProvider();

    private static Serializer Serializer => s_services.GetRequiredService<Serializer>();

    private static DeepCopier Copier => s_services.GetRequiredService<DeepCopier>();

    [Fact]
    public void A_sweep_s_candidates_cross_silos_whole_by_their_surrogates_not_as_JSON_and_pass_within_a_silo_uncopied()
    {
        var candidate = new MatchCandidate("T-1", "upbit", "U-1", MatchDecision.Review, 72, ["name", "birth"])
        {
            FoundAt = new DateTimeOffset(2026, 12, 5, 9, 30, 0, TimeSpan.Zero),
            Weight = new MatchWeight(3.25, 0.9049, [new FieldWeight(MatchField.Name, "exact", 4.1) { Frequency = new NameFrequency(0.0012, false, 2.5) }, new FieldWeight(MatchField.Birth, "transposed", -1.5)]),
        };

        var bytes = Serializer.SerializeToArray(candidate);
        var back = Serializer.Deserialize<MatchCandidate>(bytes)!;

        Assert.Equal(candidate, back);
        Assert.Equal(candidate.FoundAt, back.FoundAt);
        Assert.Equal((candidate.Weight.Total, candidate.Weight.Probability), (back.Weight!.Total, back.Weight.Probability));
        Assert.Equal(candidate.Weight.Fields, back.Weight.Fields);
        Assert.DoesNotContain("axpayerId", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Same(candidate, Copier.Copy(candidate));

        var unweighed = Serializer.Deserialize<MatchCandidate>(Serializer.SerializeToArray(candidate with { Weight = null, FoundAt = null }))!;
        Assert.Equal((candidate, (MatchWeight?)null, (DateTimeOffset?)null), (unweighed, unweighed.Weight, unweighed.FoundAt));
    }

    [Fact]
    public void A_shard_s_candidates_cross_silos_packed_with_each_text_once_and_come_back_whole()
    {
        var at = new DateTimeOffset(2026, 12, 5, 18, 30, 0, TimeSpan.FromHours(9));
        MatchCandidate[] candidates =
        [
            new("T-1", "upbit", "U-1", MatchDecision.Review, 72, ["rrn:missing", "name:exact", "birth:agrees", "phone:differs"])
            {
                Weight = new MatchWeight(3.25, 0.9049, [new FieldWeight(MatchField.Name, "exact", 4.1) { Frequency = new NameFrequency(0.0012, false, 2.5) }, new FieldWeight(MatchField.Birth, "agrees", -1.5)]),
            },
            new("T-2", "bithumb", "B-9", MatchDecision.Auto, 95, ["rrn:agrees", "name:exact"]) { FoundAt = at },
            new("T-3", "upbit", "U-7", MatchDecision.Review, 60, ["rrn:missing", "name:exact", "birth:agrees", "phone:differs"])
            {
                Weight = new MatchWeight(-0.5, 0.4135, [new FieldWeight(MatchField.Name, "exact", 1.2) { Frequency = new NameFrequency(0.00001, true, 6.25) }, new FieldWeight(MatchField.Phone, "differs", -2), new FieldWeight(MatchField.Birth, "agrees", 3)]),
                FoundAt = at.AddDays(-3).ToOffset(TimeSpan.Zero),
            },
            new("T-4", "gopax", "G-1", MatchDecision.Review, 50, []) { Weight = new MatchWeight(0.1, 0.51, []) },
        ];
        var sent = new FoundCandidates(candidates);

        var bytes = Serializer.SerializeToArray(sent);
        var back = Serializer.Deserialize<FoundCandidates>(bytes)!.Candidates;

        Assert.Equal(candidates, back);
        Assert.Equal(candidates.Select(c => (c.FoundAt, c.FoundAt?.Offset)), back.Select(c => (c.FoundAt, c.FoundAt?.Offset)));
        Assert.Equal(candidates.Select(c => (c.Weight?.Total, c.Weight?.Probability, c.Weight is null)), back.Select(c => (c.Weight?.Total, c.Weight?.Probability, c.Weight is null)));
        Assert.Equal(candidates.Select(c => c.Weight?.Fields ?? []), back.Select(c => c.Weight?.Fields ?? []));
        Assert.Equal((1, 1, 1), (Occurrences(bytes, "upbit"), Occurrences(bytes, "name:exact"), Occurrences(bytes, "birth:agrees")));
        Assert.Same(sent, Copier.Copy(sent));
        Assert.Empty(Serializer.Deserialize<FoundCandidates>(Serializer.SerializeToArray(new FoundCandidates([])))!.Candidates);

        static int Occurrences(byte[] bytes, string text) =>
            Enumerable.Range(0, bytes.Length).Count(i => bytes.AsSpan(i).StartsWith(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void A_sweep_s_match_weights_cross_silos_whole_by_their_surrogates_not_as_JSON_and_pass_within_a_silo_uncopied()
    {
        var model = new MatchModel(
            0.0125,
            [new FieldModel(MatchField.Name, [new LevelModel("exact", 0.9, 0.01), new LevelModel("different", 0.1, 0.99)], Learnt: true), new FieldModel(MatchField.Rrn, [new LevelModel("exact", 0.99, 0.000001)], Learnt: false)],
            2.5,
            0.95,
            new NameFrequencies(new Dictionary<string, double> { ["김서연"] = 0.0012, ["LEE HEEWOO"] = 0.0003 }, 0.00001, 0.0002));

        var bytes = Serializer.SerializeToArray(model);
        var back = Serializer.Deserialize<MatchModel>(bytes)!;

        Assert.Equal((model.MatchShare, model.ReviewThreshold, model.ReviewPrecision), (back.MatchShare, back.ReviewThreshold, back.ReviewPrecision));
        Assert.Equal(model.Fields.Select(f => (f.Field, f.Learnt)), back.Fields.Select(f => (f.Field, f.Learnt)));
        Assert.Equal(model.Fields.SelectMany(f => f.Levels), back.Fields.SelectMany(f => f.Levels));
        Assert.Equal(model.Names!.Shares.OrderBy(s => s.Key), back.Names!.Shares.OrderBy(s => s.Key));
        Assert.Equal((model.Names.Rest, model.Names.Mean), (back.Names.Rest, back.Names.Mean));
        Assert.DoesNotContain("matchShare", Encoding.UTF8.GetString(bytes), StringComparison.OrdinalIgnoreCase);
        Assert.Same(model, Copier.Copy(model));
        Assert.Null(Serializer.Deserialize<MatchModel>(Serializer.SerializeToArray(model with { Names = null }))!.Names);
    }

    [Fact]
    public void Birth_dates_in_a_shard_s_sample_cross_silos_as_numbers_and_every_other_domain_type_still_as_JSON()
    {
        var taxpayer = new IndexedTaxpayer("T-1", "김서연", new BirthDate(null, 91, 3, 14), "01012345678", null);
        var account = new IndexedAccount("bithumb", "B-7", "KIM SEOYEON", new BirthDate(19, 91, 3, 14), null, "hash");

        var bytes = Serializer.SerializeToArray(new ShardSample(ComparisonSample.Empty, [taxpayer], [account]));
        var back = Serializer.Deserialize<ShardSample>(bytes)!;

        Assert.Equal((taxpayer, account), (back.Taxpayers.Single(), back.Accounts.Single()));
        Assert.DoesNotContain("yearOfCentury", Encoding.UTF8.GetString(bytes), StringComparison.OrdinalIgnoreCase);

        // A domain type with no surrogate goes as JSON, as before.
        var request = new CancellationRequest("officer-1", "paid in full", new DateTimeOffset(2026, 12, 5, 9, 30, 0, TimeSpan.Zero));
        var requestBytes = Serializer.SerializeToArray(request);
        Assert.Equal(request, Serializer.Deserialize<CancellationRequest>(requestBytes));
        Assert.Contains("requestedBy", Encoding.UTF8.GetString(requestBytes), StringComparison.OrdinalIgnoreCase);
    }

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
