using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using System.Security.Claims;
using Tracking.Grains.Sweeps;
using Microsoft.Extensions.Logging;
using Tracking.Silo.Access;

namespace Tracking.Silo.Api;

/// <summary>Starting a sweep and watching it: the sweep runs in its grain; the caller polls its progress.</summary>
internal static partial class SweepEndpoints
{
    public static void MapSweeps(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/sweeps").WithTags("Sweeps");
        group.MapPost("/", (ClaimsPrincipal user, IGrainFactory grains, ILoggerFactory logs, CancellationToken ct) => ApiCall.RunAsync(async () =>
        {
            var sweep = grains.GetGrain<ISweepGrain>(ISweepGrain.Main);
            if ((await sweep.GetStatusAsync(ct)).Running)
            {
                return Results.Problem("a sweep is already running", statusCode: StatusCodes.Status409Conflict, title: "Already running");
            }

            // The sweep outlives this request: it is the grain's work, watched through GET.
            _ = RunAsync(sweep, user.Actor(), logs.CreateLogger(typeof(SweepEndpoints)));
            return Results.Accepted("/api/sweeps/current", await sweep.GetStatusAsync(ct));
        })).RequireAuthorization(AccessPolicies.CaseWorkers).WithSummary("Start a sweep over everything imported; 202 with its progress");
        group.MapGet("/current", (IGrainFactory grains, CancellationToken ct) =>
            ApiCall.RunAsync(async () => Results.Ok(await grains.GetGrain<ISweepGrain>(ISweepGrain.Main).GetStatusAsync(ct))))
            .RequireAuthorization(AccessPolicies.CaseReaders).WithSummary("The running sweep's progress (shards done of total, candidates so far) and the last run's summary");
    }

    private static async Task RunAsync(ISweepGrain sweep, string actor, ILogger logger)
    {
        try
        {
            var summary = await sweep.RunAsync(actor, CancellationToken.None);
            LogSweepDone(logger, summary.Run, actor, summary.CandidatesFound);
        }
        catch (Exception ex)
        {
            LogSweepFailed(logger, actor, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {Run} started by {Actor} found {Candidates} candidates")]
    private static partial void LogSweepDone(ILogger logger, int run, string actor, int candidates);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sweep started by {Actor} failed: {Reason}")]
    private static partial void LogSweepFailed(ILogger logger, string actor, string reason);
}
