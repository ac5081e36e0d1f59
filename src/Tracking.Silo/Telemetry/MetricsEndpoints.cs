using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tracking.Silo.Access;

namespace Tracking.Silo.Telemetry;

internal static class MetricsEndpoints
{
    /// <summary>
    /// The silo's metrics for scrapers (Prometheus text, OpenTelemetry's exporter) and tools (JSON),
    /// on every address it listens on; counts and durations only, so they need no sign-in. The
    /// cluster view is for operators.
    /// </summary>
    public static void MapMetrics(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapGet("/metrics.json", (SiloTelemetry telemetry) => Results.Json(telemetry.Read(), TelemetryJsonContext.Default.MetricsSnapshot));
        app.MapGet("/api/cluster", async (ClusterMonitor monitor, CancellationToken ct) => Results.Json(await monitor.LookAsync(askSilos: true, ct), TelemetryJsonContext.Default.ClusterView))
            .RequireAuthorization(AccessPolicies.Operators);
    }
}
