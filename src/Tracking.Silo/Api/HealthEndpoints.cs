using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tracking.Silo.Hosting;

namespace Tracking.Silo.Api;

internal static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        // Live: the process answers. Ready: the silo is an active member of its cluster, reaching storage.
        app.MapGet("/health/live", () => Results.Text("live"));
        app.MapGet("/health/ready", async (SiloReadiness readiness, CancellationToken ct) =>
        {
            var (ready, reason) = await readiness.CheckAsync(ct);
            return Results.Text(reason, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
    }
}
