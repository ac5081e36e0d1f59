using System.Globalization;
using System.Text;

namespace Tracking.Silo.Telemetry;

/// <summary>
/// Writes a snapshot in Prometheus' text exposition format (version 0.0.4), so a Prometheus server
/// or any scraper reads the silo without an OpenTelemetry collector.
/// </summary>
public static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Write(MetricsSnapshot snapshot)
    {
        var text = new StringBuilder();
        foreach (var metric in snapshot.Metrics.Where(m => m.Points.Count > 0))
        {
            var name = NameOf(metric);
            text.Append("# HELP ").Append(name).Append(' ').Append(metric.Description.Replace("\\", "\\\\").Replace("\n", "\\n")).Append('\n');
            text.Append("# TYPE ").Append(name).Append(' ').Append(metric.Kind switch
            {
                MetricKind.Counter => "counter",
                MetricKind.Histogram => "histogram",
                _ => "gauge",
            }).Append('\n');
            foreach (var point in metric.Points)
            {
                if (metric.Kind == MetricKind.Histogram)
                {
                    WriteHistogram(text, name, point);
                }
                else
                {
                    Sample(text, metric.Kind == MetricKind.Counter ? name + "_total" : name, point.Tags, null, point.Value ?? 0);
                }
            }
        }

        return text.ToString();
    }

    private static void WriteHistogram(StringBuilder text, string name, MetricPoint point)
    {
        long cumulative = 0;
        foreach (var bucket in point.Buckets ?? [])
        {
            cumulative += bucket.Count;
            Sample(text, name + "_bucket", point.Tags, ("le", bucket.UpperBound is { } bound ? Number(bound) : "+Inf"), cumulative);
        }

        Sample(text, name + "_sum", point.Tags, null, point.Sum ?? 0);
        Sample(text, name + "_count", point.Tags, null, point.Count ?? 0);
    }

    private static void Sample(StringBuilder text, string name, IReadOnlyDictionary<string, string> tags, (string Key, string Value)? extra, double value)
    {
        text.Append(name);
        var labels = tags.Select(t => (Key: Sanitize(t.Key), t.Value)).OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
        if (extra is { } more)
        {
            labels.Add(more);
        }

        if (labels.Count > 0)
        {
            text.Append('{').AppendJoin(',', labels.Select(l => $"{l.Key}=\"{Escape(l.Value)}\"")).Append('}');
        }

        text.Append(' ').Append(Number(value)).Append('\n');
    }

    /// <summary>Prometheus names: dots become underscores and the unit is spelled out as a suffix (annotations such as {write} are not units).</summary>
    private static string NameOf(MetricSeries metric)
    {
        var name = Sanitize(metric.Name);
        var unit = metric.Unit switch
        {
            "ms" => "milliseconds",
            "s" => "seconds",
            "By" => "bytes",
            _ => null,
        };
        return unit is null || name.EndsWith("_" + unit, StringComparison.Ordinal) ? name : name + "_" + unit;
    }

    private static string Sanitize(string name)
    {
        var chars = name.Select((c, i) => char.IsAsciiLetter(c) || c == '_' || c == ':' || (i > 0 && char.IsAsciiDigit(c)) ? c : '_').ToArray();
        return new string(chars);
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");

    private static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
