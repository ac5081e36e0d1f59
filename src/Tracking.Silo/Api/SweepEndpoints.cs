using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using System.Security.Claims;
using Tracking.Grains.Sweeps;
using Tracking.Silo.Access;

namespace Tracking.Silo.Api;

/// <summary>Starting a sweep and watching it: the sweep runs in its grain; the caller polls its progress.</summary>
internal static class SweepEndpoints
{
    public static void MapSweeps(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/sweeps").WithTags("Sweeps");
        group.MapPost("/", (ClaimsPrincipal user, Runtime.Hosting.Silo silo, CancellationToken ct) => ApiCall.RunAsync(async () =>
        {
            var sweep = silo.Get<ISweepGrain>(SweepGrain.Main);
            if ((await sweep.CallAsync(new GetSweepStatus(), ct)).Running)
            {
                return Results.Problem("a sweep is already running", statusCode: StatusCodes.Status409Conflict, title: "Already running");
            }

            // The sweep outlives this request: it is the grain's work, watched through GET.
            _ = sweep.CallAsync(new RunSweep(user.Actor()), TimeSpan.FromHours(2), CancellationToken.None);
            return Results.Accepted("/api/sweeps/current", await sweep.CallAsync(new GetSweepStatus(), ct));
        })).RequireAuthorization(AccessPolicies.CaseWorkers).WithSummary("Start a sweep over everything imported; 202 with its progress");
        group.MapGet("/current", (Runtime.Hosting.Silo silo, CancellationToken ct) =>
            ApiCall.RunAsync(async () => Results.Ok(await silo.Get<ISweepGrain>(SweepGrain.Main).CallAsync(new GetSweepStatus(), ct))))
            .RequireAuthorization(AccessPolicies.CaseReaders).WithSummary("The running sweep's progress (shards done of total, candidates so far) and the last run's summary");
    }
}
