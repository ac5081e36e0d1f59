using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tracking.Domain;
using Tracking.Grains;
using Tracking.Grains.Suspense;
using Tracking.Silo.Access;
using Tracking.Storage.Views;

namespace Tracking.Silo.Api;

/// <summary>
/// The suspense list: payments that named a taxpayer not on the roll, held apart until an officer
/// assigns each to the right taxpayer (booking it to their ledger) or returns it to the payer.
/// </summary>
internal static class SuspenseEndpoints
{
    public static void MapSuspense(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/suspense").WithTags("Suspense");
        group.MapGet("/", (TrackingContext tracking, string? status, string? after, int? limit, CancellationToken ct) => ApiCall.RunAsync(() =>
            ViewPageResult.QueryAsync(tracking, SuspenseRow.Definition, ViewPageResult.EqualTo((SuspenseRow.StatusField, status)), after, limit, TimeSpan.Zero, ct)))
            .RequireAuthorization(AccessPolicies.CaseReaders).WithSummary("Payments held in suspense, newest first: filter by status (Open, Assigned, Booked, Returned)");
        group.MapGet("/{reference}", (string reference, IViewStore views, CancellationToken ct) => ApiCall.RunAsync(async () =>
            await FindAsync(views, reference, ct) is { } row ? Results.Text(row, "application/json", Encoding.UTF8) : NotHeld(reference)))
            .RequireAuthorization(AccessPolicies.CaseReaders).WithSummary("One payment held in suspense, as the list shows it");
        group.MapPost("/{reference}/assignment", (string reference, AssignmentBody body, ClaimsPrincipal user, TrackingContext tracking, CancellationToken ct) => ApiCall.RunAsync(async () =>
        {
            // The grain refuses a taxpayer id of the wrong shape or not on the roll (422) before anything is recorded.
            return await FindAsync(tracking.Views, reference, ct) is null
                ? NotHeld(reference)
                : Results.Ok(await tracking.Grains.GetGrain<ISuspenseGrain>(reference).AssignAsync(body.TaxpayerId ?? "", user.Actor(), body.Reason ?? "", ct));
        }))
            .RequireAuthorization(AccessPolicies.CaseWorkers).WithSummary("The payment is this taxpayer's (one on the roll): book it to their ledger, with a reason");
        group.MapPost("/{reference}/return", (string reference, ReasonBody body, ClaimsPrincipal user, TrackingContext tracking, CancellationToken ct) => ApiCall.RunAsync(async () =>
            await FindAsync(tracking.Views, reference, ct) is null
                ? NotHeld(reference)
                : Results.Ok(await tracking.Grains.GetGrain<ISuspenseGrain>(reference).ReturnAsync(user.Actor(), body.Reason ?? "", ct))))
            .RequireAuthorization(AccessPolicies.CaseWorkers).WithSummary("The payment goes back to whoever paid it, with a reason");
    }

    private static async Task<string?> FindAsync(IViewStore views, string reference, CancellationToken ct)
    {
        ReadModelLookup.EnsureWellFormed("a payment reference", reference, IdFormat.PaymentReference);
        return await views.FindAsync(SuspenseRow.View, reference, ct);
    }

    private static IResult NotHeld(string reference) => ApiCall.NotFound($"no payment {reference} is held in suspense");
}
