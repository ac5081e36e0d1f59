using System.Collections.Concurrent;
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

    /// <summary>Batches of state writes committed by group commit: their duration and size.</summary>
    public static readonly Histogram<double> WriteBatchDuration = Meter.CreateHistogram<double>("tracking.storage.write.duration", "ms", "Batches of state writes, from send to commit");

    public static readonly Histogram<int> WriteBatchSize = Meter.CreateHistogram<int>("tracking.storage.write.batch_size", "{write}", "State writes committed together");

    /// <summary>State writes by outcome: written, conflict (a rival wrote first), fenced (the lease moved), failed.</summary>
    public static readonly Counter<long> Writes = Meter.CreateCounter<long>("tracking.storage.writes", "{write}", "State writes by outcome");

    private static readonly ConcurrentDictionary<Hosting.Silo, byte> s_silos = new();

    static RuntimeTelemetry()
    {
        Meter.CreateObservableGauge("tracking.activations", () => Each(s => s.ActivationCount), "{activation}", "Grain activations in memory, per silo");
        Meter.CreateObservableGauge("tracking.partitions.held", () => Each(s => s.HeldPartitions.Count), "{partition}", "Partitions whose lease the silo holds");
    }

    public const string GrainTypeTag = "tracking.grain.type";
    public const string SiloTag = "tracking.silo";
    public const string PartitionTag = "tracking.partition";
    public const string OutcomeTag = "tracking.outcome";

    /// <summary>A running silo is measured by the gauges until it stops.</summary>
    internal static void Track(Hosting.Silo silo) => s_silos.TryAdd(silo, 0);

    internal static void Untrack(Hosting.Silo silo) => s_silos.TryRemove(silo, out _);

    private static IEnumerable<Measurement<int>> Each(Func<Hosting.Silo, int> measure) =>
        s_silos.Keys.Select(s => new Measurement<int>(measure(s), new KeyValuePair<string, object?>(SiloTag, s.ClusterId ?? "local")));
}
