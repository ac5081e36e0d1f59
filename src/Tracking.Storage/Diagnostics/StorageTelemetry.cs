using System.Diagnostics;
using System.Diagnostics.Metrics;
using Tracking.Storage.Persistence;

namespace Tracking.Storage.Diagnostics;

/// <summary>
/// The store's traces and metrics, for OpenTelemetry or any other listener. Spans and
/// measurements carry grain types, never grain keys: keys name taxpayers.
/// </summary>
public static class StorageTelemetry
{
    public const string Name = "Tracking.Storage";

    public const string GrainTypeTag = "tracking.grain.type";
    public const string SiloTag = "tracking.silo";
    public const string OutcomeTag = "tracking.outcome";
    public const string WriteCountTag = "tracking.storage.writes";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Batches of state writes committed by group commit: their duration and size.</summary>
    public static readonly Histogram<double> WriteBatchDuration = Meter.CreateHistogram<double>("tracking.storage.write.duration", "ms", "Batches of state writes, from send to commit");

    public static readonly Histogram<int> WriteBatchSize = Meter.CreateHistogram<int>("tracking.storage.write.batch_size", "{write}", "State writes committed together");

    /// <summary>State writes by outcome: written, conflict (another activation wrote first), failed.</summary>
    public static readonly Counter<long> Writes = Meter.CreateCounter<long>("tracking.storage.writes", "{write}", "State writes by outcome");

    /// <summary>A span for one grain's write, from the queue to the commit, under the grain call that made it.</summary>
    internal static Activity? StartWrite(GrainKey grain)
    {
        var activity = Source.StartActivity($"write {grain.Type}");
        activity?.SetTag(GrainTypeTag, grain.Type);
        return activity;
    }

    /// <summary>
    /// A span over one round trip of state writes to the store. Batched writes come from many
    /// callers' traces, so the batch links to them rather than belonging to one.
    /// </summary>
    internal static Activity? StartBatch(int count, IEnumerable<ActivityLink>? links = null)
    {
        var activity = Source.StartActivity(ActivityKind.Client, links: links, name: "write states");
        activity?.SetTag(WriteCountTag, count);
        return activity;
    }

    /// <summary>A round trip's duration and size, and its writes counted once per outcome.</summary>
    internal static void RecordBatch(Activity? activity, KeyValuePair<string, object?> silo, int count, TimeSpan elapsed, IReadOnlyList<WriteOutcome>? outcomes)
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

    private static string OutcomeName(WriteOutcome outcome) => outcome switch
    {
        WriteOutcome.Written => "written",
        WriteOutcome.Conflict => "conflict",
        _ => "failed",
    };
}
