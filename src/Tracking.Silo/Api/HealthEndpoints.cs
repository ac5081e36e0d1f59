using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tracking.Runtime.Hosting;

namespace Tracking.Silo.Api;

internal static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        // Live: the process answers. Ready: it has reached storage and takes grain calls.
        app.MapGet("/health/live", () => Results.Text("live"));
        app.MapGet("/health/ready", (Runtime.Hosting.Silo silo) => silo.Status == SiloStatus.Running
            ? Results.Text("ready")
            : Results.Text(silo.Status.ToString(), statusCode: StatusCodes.Status503ServiceUnavailable));
    }
}
