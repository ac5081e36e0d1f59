using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Tracking.Runtime.Diagnostics;

/// <summary>
/// The runtime's traces and metrics, for OpenTelemetry or any other listener. Spans and
/// measurements carry grain types and partitions, never grain keys: keys name taxpayers.
/// </summary>
public static class RuntimeTelemetry
{
    public const string Name = "Tracking.Runtime";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Grain calls routed by this silo, with their outcome (ok or the exception's type).</summary>
    public static readonly Histogram<double> CallDuration = Meter.CreateHistogram<double>("tracking.grain.call.duration", "ms", "Grain calls routed by this silo, from the caller's side");

    public const string GrainTypeTag = "tracking.grain.type";
    public const string PartitionTag = "tracking.partition";
    public const string OutcomeTag = "tracking.outcome";
}
