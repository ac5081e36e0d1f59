using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tracking.Domain.Seizures;
using Tracking.Grains.Seizures;
using Tracking.Storage.Views;
using Tracking.Silo.Access;

namespace Tracking.Silo.Api;

/// <summary>The dashboard's figures, aggregated by the store from the case and receipt read models.</summary>
internal static class DashboardEndpoints
{
    /// <summary>The lead time the pioneering province reached, from match to close.</summary>
    public const int LeadTimeMarkDays = 10;

    public static void MapDashboard(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/dashboard", (IViewStore views, CancellationToken ct) => ApiCall.RunAsync(async () =>
        {
            var byState = await views.AggregateAsync(new ViewAggregate(CaseRow.View, [CaseRow.StatusField, CaseRow.OutcomeField], [CaseRow.CollectedField]), ct);
            var byExchange = await views.AggregateAsync(new ViewAggregate(CaseRow.View, [CaseRow.ExchangeField], []), ct);
            var byDay = await views.AggregateAsync(new ViewAggregate(ReceiptRow.View, [ReceiptRow.DayField], [ReceiptRow.AmountField]), ct);
            var leadDays = await views.AggregateAsync(new ViewAggregate(CaseRow.View, [CaseRow.LeadDaysField], []) { Filters = [ViewFilter.AtLeast(CaseRow.ClosedField, 1)] }, ct);

            // Seized: the exchange froze the account, i.e. every case but those still waiting for it and those it refused.
            var seized = byState.Where(g => g.Keys[0] != nameof(SeizureStatus.NoticeSent) && g.Keys[0] != nameof(SeizureStatus.Rejected) && g.Keys[1] != nameof(SeizureOutcome.Rejected)).Sum(g => g.Count);
            return Results.Ok(new Dashboard(
                byState.Sum(g => g.Count),
                seized,
                byState.Sum(g => g.Sums[0]),
                [.. byState.GroupBy(g => g.Keys[0] ?? "").Select(g => new CountBy(g.Key, g.Sum(x => x.Count)))],
                [.. byExchange.Select(g => new CountBy(g.Keys[0] ?? "", g.Count))],
                [.. byDay.Select(g => new AmountOn(g.Keys[0] ?? "", g.Sums[0]))],
                [.. leadDays.OrderBy(g => long.Parse(g.Keys[0] ?? "0", System.Globalization.CultureInfo.InvariantCulture)).Select(g => new CountBy(g.Keys[0] ?? "", g.Count))],
                LeadTimeMarkDays));
        })).RequireAuthorization(AccessPolicies.CaseReaders).WithTags("Dashboard")
            .WithSummary("Cases by state and exchange, accounts seized, won collected per day, lead times of closed cases against the 10-day mark");
}
