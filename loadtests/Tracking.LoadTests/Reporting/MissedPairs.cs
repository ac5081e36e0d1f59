using Tracking.Domain.Identity;
using Tracking.Domain.Matching;
using Tracking.Domain.Matching.Weights;

namespace Tracking.LoadTests.Reporting;

/// <summary>
/// The true pairs a sweep did not find, grouped by their evidence: whether a blocking key brought
/// them together, and what they weigh. Where the matcher stands, and why.
/// </summary>
internal static class MissedPairs
{
    public static void Print(IEnumerable<(TaxpayerIdentity Taxpayer, AccountIdentity Account)> missed, MatchModel model)
    {
        Console.WriteLine("| true pairs not found | blocked together | weight (bits) | evidence |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var group in missed.Select(pair =>
        {
            var evidence = MatchEvidence.Between(pair.Taxpayer, pair.Account);
            return (Met: BlockingKeys.For(pair.Taxpayer).Intersect(BlockingKeys.For(pair.Account)).Any(), Weight: model.Weigh(evidence, NameFrequencies.KeyOf(pair.Taxpayer.Name, pair.Account.Name)).Total, Evidence: string.Join(' ', evidence.Reasons()));
        }).GroupBy(x => (x.Met, x.Evidence)).OrderByDescending(g => g.Count()))
        {
            Console.WriteLine($"| {group.Count():N0} | {(group.Key.Met ? "yes" : "no")} | {Range(group.Select(x => x.Weight))} | {group.Key.Evidence} |");
        }
    }

    /// <summary>A group's weights: one figure when the name's frequency moves none of them, else the range.</summary>
    public static string Range(IEnumerable<double> weights)
    {
        var (low, high) = (weights.Min(), weights.Max());
        return high - low < 0.05 ? $"{low:0.0}" : $"{low:0.0} … {high:0.0}";
    }
}
