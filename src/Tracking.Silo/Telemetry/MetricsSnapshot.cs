namespace Tracking.Silo.Telemetry;

/// <summary>Every metric of this process at one moment, cumulative since it started.</summary>
public sealed record MetricsSnapshot(DateTimeOffset At, IReadOnlyList<MetricSeries> Metrics)
{
    /// <summary>The points of one metric whose tags include all of <paramref name="tags"/>.</summary>
    public IEnumerable<MetricPoint> Points(string name, params (string Key, string Value)[] tags) =>
        Metrics.Where(m => m.Name == name)
            .SelectMany(m => m.Points)
            .Where(p => tags.All(t => p.Tags.TryGetValue(t.Key, out var value) && value == t.Value));

    /// <summary>A counter's total, a gauge's value or a histogram's count, summed over the matching points.</summary>
    public double Total(string name, params (string Key, string Value)[] tags) =>
        Points(name, tags).Sum(p => p.Count ?? p.Value ?? 0);
}

/// <summary>One metric: its instrument's name, unit, description and kind, and a point per set of tags.</summary>
public sealed record MetricSeries(string Name, string Unit, string Description, MetricKind Kind, IReadOnlyList<MetricPoint> Points);

public enum MetricKind
{
    Counter,
    UpDownCounter,
    Gauge,
    Histogram,
}

/// <summary>
/// One set of tags' value: <see cref="Value"/> for counters and gauges; <see cref="Count"/>,
/// <see cref="Sum"/> and <see cref="Buckets"/> (not cumulative) for histograms.
/// </summary>
public sealed record MetricPoint(IReadOnlyDictionary<string, string> Tags, double? Value, long? Count = null, double? Sum = null, IReadOnlyList<HistogramBucket>? Buckets = null);

/// <summary>Measurements up to <see cref="UpperBound"/> (and above the previous bucket's); the last bucket's bound is infinity, written as null.</summary>
public sealed record HistogramBucket(double? UpperBound, long Count);
