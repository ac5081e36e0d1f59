using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Tracking.Silo.Api;

internal static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        // Live: the process answers. Ready: it reaches storage, holds a partition lease and takes grain calls.
        app.MapGet("/health/live", () => Results.Text("live"));
        app.MapGet("/health/ready", (Runtime.Hosting.Silo silo) =>
        {
            var readiness = silo.Readiness();
            return Results.Text(readiness.Reason, statusCode: readiness.IsReady ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
    }
}
