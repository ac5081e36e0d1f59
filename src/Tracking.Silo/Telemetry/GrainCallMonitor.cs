using System.Diagnostics;
using System.Diagnostics.Metrics;
using Orleans.Runtime;
using Tracking.Grains.Seizures;

namespace Tracking.Silo.Telemetry;

/// <summary>
/// Every call a silo's Tracking grains take (messages, reminders and timers alike): counted and
/// timed by grain type and outcome — Orleans' own call histogram knows no grain types — and how
/// many are running now, so that a driver of a simulated clock knows when all that fell due is done.
/// </summary>
public sealed class GrainCallMonitor(string silo) : IIncomingGrainCallFilter
{
    public const string Name = "Tracking.Grains";
    public const string GrainTypeTag = "tracking.grain.type";
    public const string SiloTag = "tracking.silo";
    public const string OutcomeTag = "tracking.outcome";

    public static readonly Meter Meter = new(Name);

    /// <summary>Calls taken by a silo's Tracking grains, with their outcome (ok or the exception's type).</summary>
    public static readonly Histogram<double> CallDuration = Meter.CreateHistogram<double>("tracking.grain.call.duration", "ms", "Calls taken by Tracking's grains, by grain type and outcome");

    private static readonly System.Reflection.Assembly s_grains = typeof(SeizureGrain).Assembly;

    private int _running;

    /// <summary>Calls of Tracking's grains running in this silo now.</summary>
    public int Running => Volatile.Read(ref _running);

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.Grain?.GetType().Assembly != s_grains)
        {
            await context.Invoke();
            return;
        }

        Interlocked.Increment(ref _running);
        var started = Stopwatch.GetTimestamp();
        var outcome = "ok";
        try
        {
            await context.Invoke();
        }
        catch (Exception ex)
        {
            outcome = ex.GetType().Name;
            throw;
        }
        finally
        {
            Interlocked.Decrement(ref _running);
            if (CallDuration.Enabled)
            {
                CallDuration.Record(
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                    new(GrainTypeTag, context.TargetContext.GrainId.Type.ToString()),
                    new(SiloTag, silo),
                    new(OutcomeTag, outcome));
            }
        }
    }
}
