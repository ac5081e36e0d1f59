using Tracking.Grains;
using Tracking.Grains.Exchanges;
using Tracking.Runtime.Diagnostics;

namespace Tracking.Silo.Telemetry;

/// <summary>
/// What one silo has done since its process started, read off its metrics: the runtime's by the
/// silo's tag, the collection work's and exchange requests' for its whole process.
/// </summary>
public sealed record SiloFigures(
    DateTimeOffset At,
    int Activations,
    int QueuedMessages,
    long Calls,
    long FailedCalls,
    double CallMilliseconds,
    long Writes,
    long Conflicts,
    long LeaseChanges,
    long ExchangeRequests,
    long ExchangeFailures,
    long Rows,
    long Transitions)
{
    public static SiloFigures Of(MetricsSnapshot metrics, string silo)
    {
        var tag = (RuntimeTelemetry.SiloTag, silo);
        var calls = metrics.Points(RuntimeTelemetry.CallDuration.Name, tag).ToArray();
        var writes = RuntimeTelemetry.Writes.Name;
        return new SiloFigures(
            metrics.At,
            (int)metrics.Total(RuntimeTelemetry.Activations, tag),
            (int)metrics.Total(RuntimeTelemetry.MailboxQueued, tag),
            calls.Sum(p => p.Count ?? 0),
            calls.Where(p => p.Tags.GetValueOrDefault(RuntimeTelemetry.OutcomeTag) != "ok").Sum(p => p.Count ?? 0),
            calls.Sum(p => p.Sum ?? 0),
            (long)metrics.Total(writes, tag),
            (long)(metrics.Total(writes, tag, (RuntimeTelemetry.OutcomeTag, "conflict")) + metrics.Total(writes, tag, (RuntimeTelemetry.OutcomeTag, "fenced"))),
            (long)metrics.Total(RuntimeTelemetry.LeaseChanges.Name, tag),
            (long)metrics.Total(ExchangeTelemetry.Requests.Name),
            (long)metrics.Total(ExchangeTelemetry.Requests.Name, (RuntimeTelemetry.OutcomeTag, "failed")),
            (long)metrics.Total(CollectionTelemetry.Rows.Name),
            (long)metrics.Total(CollectionTelemetry.SeizureTransitions.Name));
    }
}
