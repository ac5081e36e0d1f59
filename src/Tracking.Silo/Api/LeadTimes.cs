namespace Tracking.Silo.Api;

/// <summary>One bar of the lead-time chart: cases closed within so many hours (under a day) or days.</summary>
public sealed record LeadTimeBucket(int? Hours, int? Days, long Count, bool WithinMark);

/// <summary>How many of a group's closed cases closed within the mark.</summary>
public sealed record MarkShare(string Key, long Closed, long WithinMark);

/// <summary>
/// Lead times of closed cases as officers read them: in hours below a day (a case the exchange
/// answers at once closes in hours), in days above, against the 10-day mark.
/// </summary>
public static class LeadTimes
{
    private static readonly int[] s_hourBounds = [1, 3, 6, 12, 24];

    /// <summary>The bars, shortest first, from counts of cases by whole hours begun from opening to close.</summary>
    public static IReadOnlyList<LeadTimeBucket> Buckets(IEnumerable<(int Hours, long Count)> closed, int markDays) =>
        [.. closed
            .GroupBy(c => c.Hours <= 24 ? (Hours: (int?)s_hourBounds.First(b => c.Hours <= b), Days: (int?)null) : (Hours: null, Days: (c.Hours + 23) / 24))
            .OrderBy(g => g.Key.Hours ?? g.Key.Days * 24)
            .Select(g => new LeadTimeBucket(g.Key.Hours, g.Key.Days, g.Sum(c => c.Count), g.Key.Days is not { } days || days <= markDays))];

    /// <summary>Per key (an exchange, an officer), the closed cases and those closed within the mark, from counts by key and days begun.</summary>
    public static IReadOnlyList<MarkShare> Shares(IEnumerable<(string Key, int Days, long Count)> closed, int markDays) =>
        [.. closed
            .GroupBy(c => c.Key, StringComparer.Ordinal)
            .Select(g => new MarkShare(g.Key, g.Sum(c => c.Count), g.Where(c => c.Days <= markDays).Sum(c => c.Count)))
            .OrderBy(s => s.Key, StringComparer.Ordinal)];
}
