using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tracking.Grains;
using Tracking.Grains.Suspense;
using Tracking.Grains.Taxpayers;
using Tracking.Silo.Access;

namespace Tracking.Silo.Api;

/// <summary>A taxpayer's ledger and history, read from their grain, masked for the reader's role; every read recorded.</summary>
internal static class TaxpayerEndpoints
{
    public static void MapTaxpayers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/taxpayers").WithTags("Taxpayers").RequireAuthorization(AccessPolicies.CaseReaders);
        group.MapGet("/{id}", (string id, ClaimsPrincipal user, TrackingContext tracking, AccessJournal journal, CancellationToken ct) => ApiCall.RunAsync(async () =>
        {
            if (!await ReadModelLookup.TaxpayerExistsAsync(tracking, id, ct))
            {
                return ApiCall.NotFound($"there is no taxpayer {id}");
            }

            var taxpayer = await tracking.Grains.GetGrain<ITaxpayerGrain>(id).GetAsync(ct);

            await journal.RecordAsync(user, id, "taxpayer", ct);
            return Results.Ok(taxpayer with { Profile = PersonalDataMask.Apply(taxpayer.Profile, user.Role()) });
        })).WithSummary("The taxpayer's profile (masked for the role), tax items, balances, candidates and open seizures");
        group.MapGet("/{id}/history", (string id, ClaimsPrincipal user, TrackingContext tracking, AccessJournal journal, CancellationToken ct) => ApiCall.RunAsync(async () =>
        {
            if (!await ReadModelLookup.TaxpayerExistsAsync(tracking, id, ct))
            {
                return ApiCall.NotFound($"there is no taxpayer {id}");
            }

            var taxpayer = tracking.Grains.GetGrain<ITaxpayerGrain>(id);

            await journal.RecordAsync(user, id, "taxpayer history", ct);
            var history = await taxpayer.GetHistoryAsync(ct);
            return Results.Ok(PersonalDataMask.SeesContactDetails(user.Role()) ? history : history.Select(e => e.Event is Domain.Ledger.TaxpayerRegistered r
                ? e with { Event = r with { Profile = PersonalDataMask.Apply(r.Profile, user.Role())! } }
                : e).ToArray());
        })).WithSummary("Everything that happened to the taxpayer's ledger, oldest first");
        group.MapPost("/{id}/payments", (string id, PaymentBody payment, ClaimsPrincipal user, TrackingContext tracking, CancellationToken ct) => ApiCall.RunAsync(async () =>
        {
            ReadModelLookup.EnsureWellFormed("a taxpayer id", id, Domain.IdFormat.TaxpayerId);
            var outcome = await new PaymentIntake(tracking).ReceiveAsync(id, payment.Reference, payment.Amount, payment.Source, $"entered by {user.Actor()}", ct);
            return outcome.Receipt is { } receipt
                ? Results.Ok(receipt)
                : Results.Accepted($"/api/suspense/{Uri.EscapeDataString(payment.Reference)}", await tracking.Grains.GetGrain<ISuspenseGrain>(payment.Reference).GetAsync(ct));
        }))
            .RequireAuthorization(AccessPolicies.CaseWorkers).WithSummary("Record a payment: booked to the taxpayer's ledger (200), or held in suspense (202) when the taxpayer is not on the roll; the same reference twice is applied once");
    }
}
