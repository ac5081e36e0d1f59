using System.Diagnostics.Metrics;
using Tracking.Domain.Seizures;

namespace Tracking.Grains;

/// <summary>The collection work itself as metrics: rows taken in, pairs compared, seizures entering each state. Counts only, never whose.</summary>
public static class CollectionTelemetry
{
    public const string Name = "Tracking.Collection";

    public static readonly Meter Meter = new(Name);

    /// <summary>Rows of the roll and the exchanges' account files read, by file and outcome (kept or bad); their rate is the sweep's intake.</summary>
    public static readonly Counter<long> Rows = Meter.CreateCounter<long>("tracking.sweep.rows", "{row}", "Rows of the roll and account files read, by file and outcome");

    /// <summary>Taxpayer and account pairs compared by the match shards; their rate is the sweep's match speed.</summary>
    public static readonly Counter<long> Comparisons = Meter.CreateCounter<long>("tracking.sweep.comparisons", "{pair}", "Taxpayer and account pairs compared by the match shards");

    /// <summary>Seizures entering each state of the lifecycle; the rate per state shows where cases move and where they wait.</summary>
    public static readonly Counter<long> SeizureTransitions = Meter.CreateCounter<long>("tracking.seizures.transitions", "{seizure}", "Seizures entering a state of the lifecycle, by state");

    public static void RecordRows(string file, int kept, int bad)
    {
        Rows.Add(kept, new("tracking.file", file), new("tracking.outcome", "kept"));
        Rows.Add(bad, new("tracking.file", file), new("tracking.outcome", "bad"));
    }

    /// <summary>Every state the events pass through counts, also one a single decision passes on its way.</summary>
    public static void RecordTransitions(Seizure before, IEnumerable<SeizureEvent> events)
    {
        if (!SeizureTransitions.Enabled)
        {
            return;
        }

        var state = before;
        foreach (var @event in events)
        {
            var next = SeizureDecider.Apply(state, @event);
            if (next.Opened && (!state.Opened || next.Status != state.Status))
            {
                SeizureTransitions.Add(1, new KeyValuePair<string, object?>("tracking.seizure.status", next.Status.ToString()));
            }

            state = next;
        }
    }
}
