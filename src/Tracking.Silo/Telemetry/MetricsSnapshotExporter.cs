using System.Globalization;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Tracking.Silo.Telemetry;

/// <summary>
/// A pull exporter: the SDK aggregates the silo's instruments as for any exporter, and a read
/// collects them there and then (stamped with the wall clock, even when the grains run on a
/// simulated one, as rates are per real second). Serves the metrics endpoint and the operator page without a collector.
/// </summary>
[ExportModes(ExportModes.Pull)]
internal sealed class MetricsSnapshotExporter : BaseExporter<Metric>, IPullMetricExporter
{
    private readonly Lock _gate = new();
    private List<MetricSeries> _collected = [];

    public Func<int, bool>? Collect { get; set; }

    /// <summary>Collects now; one read at a time, as the SDK hands the batch to <see cref="Export"/> on the reading thread.</summary>
    public MetricsSnapshot Read()
    {
        lock (_gate)
        {
            _collected = [];
            Collect?.Invoke(Timeout.Infinite);
            return new MetricsSnapshot(DateTimeOffset.UtcNow, _collected);
        }
    }

    public override ExportResult Export(in Batch<Metric> batch)
    {
        foreach (var metric in batch)
        {
            var points = new List<MetricPoint>();
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                points.Add(Convert(metric.MetricType, point));
            }

            _collected.Add(new MetricSeries(metric.Name, metric.Unit ?? "", metric.Description ?? "", KindOf(metric.MetricType), points));
        }

        return ExportResult.Success;
    }

    private static MetricPoint Convert(MetricType type, in OpenTelemetry.Metrics.MetricPoint point)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in point.Tags)
        {
            tags[tag.Key] = System.Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? "";
        }

        return type switch
        {
            MetricType.LongSum or MetricType.LongSumNonMonotonic => new MetricPoint(tags, point.GetSumLong()),
            MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic => new MetricPoint(tags, point.GetSumDouble()),
            MetricType.LongGauge => new MetricPoint(tags, point.GetGaugeLastValueLong()),
            MetricType.DoubleGauge => new MetricPoint(tags, point.GetGaugeLastValueDouble()),
            MetricType.Histogram => new MetricPoint(tags, null, point.GetHistogramCount(), point.GetHistogramSum(), Buckets(point)),
            _ => new MetricPoint(tags, null, point.GetHistogramCount(), point.GetHistogramSum()),
        };
    }

    private static List<HistogramBucket> Buckets(in OpenTelemetry.Metrics.MetricPoint point)
    {
        var buckets = new List<HistogramBucket>();
        foreach (var bucket in point.GetHistogramBuckets())
        {
            buckets.Add(new HistogramBucket(double.IsPositiveInfinity(bucket.ExplicitBound) ? null : bucket.ExplicitBound, bucket.BucketCount));
        }

        return buckets;
    }

    private static MetricKind KindOf(MetricType type) => type switch
    {
        MetricType.LongSum or MetricType.DoubleSum => MetricKind.Counter,
        MetricType.LongSumNonMonotonic or MetricType.DoubleSumNonMonotonic => MetricKind.UpDownCounter,
        MetricType.LongGauge or MetricType.DoubleGauge => MetricKind.Gauge,
        _ => MetricKind.Histogram,
    };
}
