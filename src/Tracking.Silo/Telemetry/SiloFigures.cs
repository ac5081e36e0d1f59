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
        var tag = ("tracking.silo", silo);
        var calls = metrics.Points("tracking.grain.call.duration", tag).ToArray();
        return new SiloFigures(
            metrics.At,
            (int)metrics.Total("tracking.activations", tag),
            (int)metrics.Total("tracking.mailbox.queued", tag),
            calls.Sum(p => p.Count ?? 0),
            calls.Where(p => p.Tags.GetValueOrDefault("tracking.outcome") != "ok").Sum(p => p.Count ?? 0),
            calls.Sum(p => p.Sum ?? 0),
            (long)metrics.Total("tracking.storage.writes", tag),
            (long)(metrics.Total("tracking.storage.writes", tag, ("tracking.outcome", "conflict")) + metrics.Total("tracking.storage.writes", tag, ("tracking.outcome", "fenced"))),
            (long)metrics.Total("tracking.partitions.lease.changes", tag),
            (long)metrics.Total("tracking.exchange.requests"),
            (long)metrics.Total("tracking.exchange.requests", ("tracking.outcome", "failed")),
            (long)metrics.Total("tracking.sweep.rows"),
            (long)metrics.Total("tracking.seizures.transitions"));
    }
}
