using Tracking.Grains.Seizures;

namespace Tracking.Silo.Scenarios;

/// <summary>How a scenario ended: cases by state and exchange, money, and lead times against the 10-day mark.</summary>
public sealed record ScenarioReport(
    DateTimeOffset SimulatedFrom,
    DateTimeOffset SimulatedTo,
    int Seizures,
    IReadOnlyDictionary<string, int> ByOutcome,
    IReadOnlyDictionary<string, int> ByExchange,
    long Collected,
    long Applied,
    long Refunded,
    double? LeadTimeMedianDays,
    double? LeadTimeP90Days,
    double? LeadTimeMaxDays,
    int ClosedWithinTenDays,
    int RequestsIssued,
    IReadOnlyList<ScenarioCase> Cases)
{
    public static ScenarioReport Of(DateTimeOffset from, DateTimeOffset to, IReadOnlyList<SeizureView> seizures)
    {
        var leadDays = seizures.Where(s => s.LeadTime is not null).Select(s => s.LeadTime!.Value.TotalDays).Order().ToArray();
        return new ScenarioReport(
            from,
            to,
            seizures.Count,
            seizures.GroupBy(s => s.Outcome?.ToString() ?? "Open: " + s.Status).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            seizures.GroupBy(s => s.Exchange).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            seizures.Sum(s => s.Collected),
            seizures.Sum(s => s.Applied),
            seizures.Sum(s => s.Refunded),
            Percentile(leadDays, 0.5),
            Percentile(leadDays, 0.9),
            leadDays.Length > 0 ? leadDays[^1] : null,
            leadDays.Count(d => d <= 10),
            seizures.Sum(s => s.RequestsIssued),
            [.. seizures.OrderBy(s => s.SeizureId, StringComparer.Ordinal).Select(s => new ScenarioCase(s.SeizureId, s.Outcome?.ToString() ?? s.Status.ToString(), s.Collected, s.Applied, s.Refunded, s.LeadTime?.TotalDays))]);
    }

    private static double? Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>One case's end.</summary>
public sealed record ScenarioCase(string SeizureId, string Outcome, long Collected, long Applied, long Refunded, double? LeadTimeDays);
