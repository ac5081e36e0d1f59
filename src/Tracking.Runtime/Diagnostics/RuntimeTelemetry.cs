using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Tracking.Runtime.Persistence;

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

    /// <summary>Partition leases claimed, lost (expired or taken) and released (handed over), per silo.</summary>
    public static readonly Counter<long> LeaseChanges = Meter.CreateCounter<long>("tracking.partitions.lease.changes", "{lease}", "Partition leases claimed, lost and released");

    private static readonly ConcurrentDictionary<Hosting.Silo, byte> s_silos = new();

    static RuntimeTelemetry()
    {
        Meter.CreateObservableGauge(Activations, () => Each(s => s.ActivationCount), "{activation}", "Grain activations in memory, per silo");
        Meter.CreateObservableGauge(PartitionsHeld, () => Each(s => s.HeldPartitions.Count), "{partition}", "Partitions whose lease the silo holds");
        Meter.CreateObservableGauge(MailboxQueued, () => Each(s => s.QueuedMessages), "{message}", "Messages waiting in grains' mailboxes behind a running turn, per silo");
    }

    public const string Activations = "tracking.activations";
    public const string PartitionsHeld = "tracking.partitions.held";
    public const string MailboxQueued = "tracking.mailbox.queued";

    /// <summary>The silo tag of a silo alone on its store, which has no cluster id.</summary>
    public const string LocalSilo = "local";

    public const string GrainTypeTag = "tracking.grain.type";
    public const string SiloTag = "tracking.silo";
    public const string PartitionTag = "tracking.partition";
    public const string OutcomeTag = "tracking.outcome";
    public const string LeaseChangeTag = "tracking.lease.change";
    public const string WriteCountTag = "tracking.storage.writes";

    /// <summary>The silo tag's value: its cluster id, or <see cref="LocalSilo"/>.</summary>
    internal static KeyValuePair<string, object?> SiloOf(string? clusterId) => new(SiloTag, clusterId ?? LocalSilo);

    /// <summary>
    /// A span over one round trip of state writes to the store. Batched writes come from many
    /// callers' traces, so the batch links to them rather than belonging to one.
    /// </summary>
    internal static Activity? StartWrites(int count, IEnumerable<ActivityLink>? links = null)
    {
        var activity = Source.StartActivity(ActivityKind.Client, links: links, name: "write states");
        activity?.SetTag(WriteCountTag, count);
        return activity;
    }

    /// <summary>A round trip's duration and size, and its writes counted once per outcome.</summary>
    internal static void RecordWrites(Activity? activity, KeyValuePair<string, object?> silo, int count, TimeSpan elapsed, IReadOnlyList<WriteOutcome>? outcomes)
    {
        WriteBatchSize.Record(count, silo);
        if (outcomes is null)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "failed");
            Writes.Add(count, silo, new(OutcomeTag, "failed"));
            return;
        }

        WriteBatchDuration.Record(elapsed.TotalMilliseconds, silo);
        if (!Writes.Enabled)
        {
            return;
        }

        foreach (var group in outcomes.GroupBy(OutcomeName))
        {
            Writes.Add(group.Count(), silo, new(OutcomeTag, group.Key));
        }
    }

    internal static void RecordLeaseChange(string silo, string change, int count)
    {
        if (count > 0)
        {
            LeaseChanges.Add(count, SiloOf(silo), new(LeaseChangeTag, change));
        }
    }

    private static string OutcomeName(WriteOutcome outcome) => outcome switch
    {
        WriteOutcome.Written => "written",
        WriteOutcome.Conflict => "conflict",
        WriteOutcome.Fenced => "fenced",
        _ => "failed",
    };

    /// <summary>A running silo is measured by the gauges until it stops.</summary>
    internal static void Track(Hosting.Silo silo) => s_silos.TryAdd(silo, 0);

    internal static void Untrack(Hosting.Silo silo) => s_silos.TryRemove(silo, out _);

    private static IEnumerable<Measurement<int>> Each(Func<Hosting.Silo, int> measure) =>
        s_silos.Keys.Select(s => new Measurement<int>(measure(s), SiloOf(s.ClusterId)));
}
