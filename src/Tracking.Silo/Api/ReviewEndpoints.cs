using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tracking.Domain;
using Tracking.Grains;
using Tracking.Grains.Accounts;
using Tracking.Grains.Seizures;
using Tracking.Grains.Taxpayers;
using Tracking.Silo.Access;
using Tracking.Storage.Views;

namespace Tracking.Silo.Api;

/// <summary>The review queue: candidates the sweep was not sure of, the evidence side by side, and a person's decision.</summary>
internal static class ReviewEndpoints
{
    public static void MapReviews(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reviews").WithTags("Review queue");
        group.MapGet("/", (TrackingContext tracking, ConsoleOptions console, string? state, string? exchange, string? after, int? limit, CancellationToken ct) => ApiCall.RunAsync(() =>
            ViewPageResult.QueryAsync(tracking, ReviewRow.Definition, ViewPageResult.EqualTo((ReviewRow.StateField, state), (ReviewRow.ExchangeField, exchange)), after, limit, console.ListTotalMaxAge, ct)))
            .RequireAuthorization(AccessPolicies.CaseReaders).WithSummary("Review candidates, the most debt expected at stake first (the debt times the chance it is the taxpayer), then the highest score: filter by state (Open, Approved, Rejected) and exchange");
        group.MapGet("/{taxpayerId}/{exchange}/{accountId}", EvidenceAsync).RequireAuthorization(AccessPolicies.CaseReaders)
            .WithSummary("The candidate with the taxpayer and the account holder side by side (masked for the role)");
        group.MapPost("/{taxpayerId}/{exchange}/{accountId}/approval", (string taxpayerId, string exchange, string accountId, ClaimsPrincipal user, TrackingContext tracking, CancellationToken ct) =>
            ApiCall.RunAsync(async () => await ReadModelLookup.ReviewExistsAsync(tracking, taxpayerId, exchange, accountId, ct)
                ? Results.Ok(await new SeizureOpener(tracking.Grains).OpenApprovedReviewAsync(taxpayerId, exchange, accountId, user.Actor(), null, ct))
                : NoCandidate(taxpayerId, exchange, accountId)))
            .RequireAuthorization(AccessPolicies.CaseWorkers).WithSummary("The account is the taxpayer's: open its seizure and send the notice");
        group.MapPost("/{taxpayerId}/{exchange}/{accountId}/rejection", (string taxpayerId, string exchange, string accountId, ReasonBody body, ClaimsPrincipal user, TrackingContext tracking, CancellationToken ct) =>
            ApiCall.RunAsync(async () => await ReadModelLookup.ReviewExistsAsync(tracking, taxpayerId, exchange, accountId, ct)
                ? Results.Ok(await new SeizureOpener(tracking.Grains).RejectReviewAsync(taxpayerId, exchange, accountId, user.Actor(), body.Reason ?? "", ct))
                : NoCandidate(taxpayerId, exchange, accountId)))
            .RequireAuthorization(AccessPolicies.CaseWorkers).WithSummary("The account is not the taxpayer's: reject it, with a reason");
        group.MapPost("/approvals", BulkApproveAsync).RequireAuthorization(AccessPolicies.Supervisors)
            .WithSummary($"A supervisor approves up to {BulkLimit.Items} candidates with one reason: each is seized as one approval would be; any refused are listed");
    }

    /// <summary>Every candidate named must be well formed (else 400) and open in the queue (else 422), or nothing is approved.</summary>
    private static Task<IResult> BulkApproveAsync(BulkApprovalBody body, ClaimsPrincipal user, TrackingContext tracking, CancellationToken ct) => ApiCall.RunAsync(async () =>
    {
        if (TextLimits.Problem("a reason", body.Reason, TextLimits.Reason) is { } reasonProblem)
        {
            return ApiCall.Refused(reasonProblem);
        }

        var pairs = body.Candidates ?? [];
        if (pairs.Count is 0 or > BulkLimit.Items)
        {
            return ApiCall.Refused($"name 1 to {BulkLimit.Items} candidates; {pairs.Count} were named");
        }

        if (pairs.Contains(null))
        {
            throw new ArgumentException("a candidate is missing", nameof(body));
        }

        var notOpen = new List<string>();
        foreach (var pair in pairs)
        {
            var state = await ReadModelLookup.ReviewStateAsync(tracking, pair.TaxpayerId, pair.Exchange, pair.AccountId, ct);
            if (state is not ReviewState.Open)
            {
                notOpen.Add($"{pair.TaxpayerId} at {pair.Exchange}/{pair.AccountId} ({(state is null ? "not a review candidate" : $"already {state.ToString()!.ToLowerInvariant()}")})");
            }
        }

        return notOpen.Count > 0
            ? ApiCall.Refused($"not open in the review queue, so nothing was approved: {string.Join(", ", notOpen)}")
            : Results.Ok(await new SeizureOpener(tracking.Grains).OpenApprovedReviewsAsync(pairs, user.Actor(), body.Reason!.Trim(), ct));
    });

    private static IResult NoCandidate(string taxpayerId, string exchange, string accountId) =>
        ApiCall.NotFound($"{exchange}/{accountId} is not a review candidate of taxpayer {taxpayerId}");

    private static Task<IResult> EvidenceAsync(string taxpayerId, string exchange, string accountId, ClaimsPrincipal user, TrackingContext tracking, AccessJournal journal, CancellationToken ct) => ApiCall.RunAsync(async () =>
    {
        if (!await ReadModelLookup.ReviewExistsAsync(tracking, taxpayerId, exchange, accountId, ct))
        {
            return NoCandidate(taxpayerId, exchange, accountId);
        }

        var grains = tracking.Grains;
        var taxpayer = await grains.GetGrain<ITaxpayerGrain>(taxpayerId).GetAsync(ct);
        if (taxpayer.Candidates.FirstOrDefault(c => c.Exchange == exchange && c.AccountId == accountId) is not { } candidate)
        {
            return NoCandidate(taxpayerId, exchange, accountId);
        }

        var account = await grains.GetGrain<IExchangeAccountGrain>(AccountKey.Of(exchange, accountId)).GetAsync(ct);
        await journal.RecordAsync(user, taxpayerId, $"review evidence {exchange}/{accountId}", ct);
        var role = user.Role();
        return Results.Ok(new ReviewEvidence(
            candidate,
            PersonalDataMask.Apply(taxpayer.Profile, role),
            PersonalDataMask.Apply(account.Profile, role),
            taxpayer.Reviews.FirstOrDefault(r => r.Exchange == exchange && r.AccountId == accountId)));
    });
}
