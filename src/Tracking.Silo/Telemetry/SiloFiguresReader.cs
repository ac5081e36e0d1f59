using Tracking.Grains;
using Tracking.Grains.Exchanges;
using Tracking.Grains.Operations;
using Tracking.Storage.Diagnostics;

namespace Tracking.Silo.Telemetry;

/// <summary>A silo's <see cref="SiloFigures"/> read off its process's metrics.</summary>
public static class SiloFiguresReader
{
    public static SiloFigures Of(MetricsSnapshot metrics, string silo, int running)
    {
        var tag = (GrainCallMonitor.SiloTag, silo);
        var calls = metrics.Points(GrainCallMonitor.CallDuration.Name, tag).ToArray();
        var writes = StorageTelemetry.Writes.Name;
        return new SiloFigures(
            metrics.At,
            running,
            calls.Sum(p => p.Count ?? 0),
            calls.Where(p => p.Tags.GetValueOrDefault(GrainCallMonitor.OutcomeTag) != "ok").Sum(p => p.Count ?? 0),
            calls.Sum(p => p.Sum ?? 0),
            (long)metrics.Total(writes, (StorageTelemetry.SiloTag, silo)),
            (long)metrics.Total(writes, (StorageTelemetry.SiloTag, silo), (StorageTelemetry.OutcomeTag, "conflict")),
            (long)metrics.Total(ExchangeTelemetry.Requests.Name),
            (long)metrics.Total(ExchangeTelemetry.Requests.Name, (GrainCallMonitor.OutcomeTag, "failed")),
            (long)metrics.Total(CollectionTelemetry.Rows.Name),
            (long)metrics.Total(CollectionTelemetry.SeizureTransitions.Name));
    }
}
