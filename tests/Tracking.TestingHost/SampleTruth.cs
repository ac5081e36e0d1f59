using System.Text.Json;

namespace Tracking.TestingHost;

/// <summary>../shared/samples/truth.json: which accounts really are whose (pairs), and which only look so (decoys).</summary>
public sealed record SampleTruth(IReadOnlySet<(string TaxpayerId, string Exchange, string AccountId)> Pairs, IReadOnlySet<(string TaxpayerId, string Exchange, string AccountId)> Decoys)
{
    /// <summary>The exchange files of the samples, with the exchange each belongs to.</summary>
    public static readonly (string Exchange, string File)[] ExchangeFiles =
        [("upbit", "upbit.csv"), ("bithumb", "bithumb.csv"), ("coinone", "coinone.csv"), ("korbit", "korbit.tsv"), ("gopax", "gopax.csv")];

    public static SampleTruth Load()
    {
        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Samples, "truth.json")));
        static (string, string, string) Triple(JsonElement e) => (e[0].GetString()!, e[1].GetString()!, e[2].GetString()!);
        return new SampleTruth(
            truth.RootElement.GetProperty("pairs").EnumerateArray().Select(Triple).ToHashSet(),
            truth.RootElement.GetProperty("decoys").EnumerateArray().Select(Triple).ToHashSet());
    }
}
