using System.Collections.Concurrent;
using System.Globalization;

namespace Tracking.Storage.Views;

/// <summary>
/// Lists' totals, each counted once and shared while it is younger than the age a query accepts
/// (<see cref="ViewQuery.TotalMaxAge"/>): officers opening the same list cost one count, not one
/// each, and callers that ask at the same moment wait for the same count. Counting a list of
/// 100,000 cases on every first page held list pages to about 130 a second.
/// </summary>
internal sealed class ViewTotals(TimeProvider time)
{
    /// <summary>Most lists remembered; filters come from requests, so past this all are forgotten at once.</summary>
    private const int MaxLists = 1_000;

    private readonly ConcurrentDictionary<string, Counted> _totals = new();

    public Task<long> GetAsync(ViewQuery query, Func<CancellationToken, Task<long>> count, CancellationToken cancellationToken)
    {
        if (query.TotalMaxAge <= TimeSpan.Zero)
        {
            return count(cancellationToken);
        }

        // Each part with its length first, so that no filter's value can spell another list's key.
        var list = string.Concat([Part(query.View), .. query.Filters.SelectMany(f => new[] { Part(f.Field.Name), Part(f.Operator.ToString()), Part(Convert.ToString(f.Value, CultureInfo.InvariantCulture) ?? "") })]);
        var now = time.GetTimestamp();
        if (_totals.TryGetValue(list, out var counted) && time.GetElapsedTime(counted.At, now) <= query.TotalMaxAge && !(counted.Total.IsValueCreated && (counted.Total.Value.IsFaulted || counted.Total.Value.IsCanceled)))
        {
            return counted.Total.Value.WaitAsync(cancellationToken);
        }

        if (_totals.Count >= MaxLists)
        {
            _totals.Clear();
        }

        // Whoever replaces a stale count counts, for everyone: a caller that gives up does not cancel it for the others.
        var fresh = new Counted(new Lazy<Task<long>>(() => count(CancellationToken.None)), now);
        return _totals.AddOrUpdate(list, fresh, (_, old) => old == counted ? fresh : old).Total.Value.WaitAsync(cancellationToken);
    }

    private static string Part(string text) => $"{text.Length}:{text}";

    private sealed record Counted(Lazy<Task<long>> Total, long At);
}
