using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tracking.Grains.Taxpayers;
using Tracking.Silo.Access;

namespace Tracking.Silo.Api;

/// <summary>A taxpayer's ledger and history, read from their grain, masked for the reader's role; every read recorded.</summary>
internal static class TaxpayerEndpoints
{
    public static void MapTaxpayers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/taxpayers").WithTags("Taxpayers").RequireAuthorization(AccessPolicies.CaseReaders);
        group.MapGet("/{id}", (string id, ClaimsPrincipal user, IGrainFactory grains, AccessJournal journal, CancellationToken ct) => ApiCall.RunAsync(async () =>
        {
            var taxpayer = await grains.GetGrain<ITaxpayerGrain>(id).GetAsync(ct);
            if (taxpayer.Version == 0)
            {
                return ApiCall.NotFound($"there is no taxpayer {id}");
            }

            await journal.RecordAsync(user, id, "taxpayer", ct);
            return Results.Ok(taxpayer with { Profile = PersonalDataMask.Apply(taxpayer.Profile, user.Role()) });
        })).WithSummary("The taxpayer's profile (masked for the role), tax items, balances, candidates and open seizures");
        group.MapGet("/{id}/history", (string id, ClaimsPrincipal user, IGrainFactory grains, AccessJournal journal, CancellationToken ct) => ApiCall.RunAsync(async () =>
        {
            var taxpayer = grains.GetGrain<ITaxpayerGrain>(id);
            if ((await taxpayer.GetAsync(ct)).Version == 0)
            {
                return ApiCall.NotFound($"there is no taxpayer {id}");
            }

            await journal.RecordAsync(user, id, "taxpayer history", ct);
            var history = await taxpayer.GetHistoryAsync(ct);
            return Results.Ok(PersonalDataMask.SeesContactDetails(user.Role()) ? history : history.Select(e => e.Event is Domain.Ledger.TaxpayerRegistered r
                ? e with { Event = r with { Profile = PersonalDataMask.Apply(r.Profile, user.Role())! } }
                : e).ToArray());
        })).WithSummary("Everything that happened to the taxpayer's ledger, oldest first");
        group.MapPost("/{id}/payments", (string id, PaymentBody payment, IGrainFactory grains, CancellationToken ct) =>
            ApiCall.RunAsync(async () => Results.Ok(await grains.GetGrain<ITaxpayerGrain>(id).ReceivePaymentAsync(payment.Reference, payment.Amount, payment.Source, ct))))
            .RequireAuthorization(AccessPolicies.CaseWorkers).WithSummary("Record a payment; the same reference twice is applied once");
    }
}
