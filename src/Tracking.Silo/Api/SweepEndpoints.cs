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
        group.MapPost("/", (ClaimsPrincipal user, IGrainFactory grains, CancellationToken ct, bool full = false) => ApiCall.RunAsync(async () =>
        {
            var sweep = grains.GetGrain<ISweepGrain>(ISweepGrain.Main);
            if ((await sweep.GetStatusAsync(ct)).Running)
            {
                return ApiCall.AlreadyRunning("a sweep is already running");
            }

            // The sweep runs in its grain, watched through GET.
            return Results.Accepted("/api/sweeps/current", await sweep.StartAsync(user.Actor(), full, ct));
        })).RequireAuthorization(AccessPolicies.CaseWorkers).WithSummary("Start a sweep over everything imported (only the records changed since the last sweep while the silos keep its index, unless full=true); 202 with its progress");
        group.MapGet("/current", (IGrainFactory grains, CancellationToken ct) =>
            ApiCall.RunAsync(async () => Results.Ok(await grains.GetGrain<ISweepGrain>(ISweepGrain.Main).GetStatusAsync(ct))))
            .RequireAuthorization(AccessPolicies.CaseReaders).WithSummary("The running sweep's progress (shards done of total, candidates so far) and the last run's summary");
    }
}
