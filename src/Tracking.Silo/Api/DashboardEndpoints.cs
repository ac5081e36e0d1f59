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
            var lead = await ClosedAsync(views, CaseRow.LeadHoursField, CaseRow.LeadDaysField, ct);
            var leadByExchange = await ClosedAsync(views, CaseRow.ExchangeField, CaseRow.LeadDaysField, ct);
            var leadByOfficer = await ClosedAsync(views, CaseRow.OfficerField, CaseRow.LeadDaysField, ct);

            // Seized: the exchange froze the account, i.e. every case but those still waiting for it and those it refused.
            var seized = byState.Where(g => g.Keys[0] != nameof(SeizureStatus.NoticeSent) && g.Keys[0] != nameof(SeizureStatus.Rejected) && g.Keys[1] != nameof(SeizureOutcome.Rejected)).Sum(g => g.Count);
            return Results.Ok(new Dashboard(
                byState.Sum(g => g.Count),
                seized,
                byState.Sum(g => g.Sums[0]),
                [.. byState.GroupBy(g => g.Keys[0] ?? "").Select(g => new CountBy(g.Key, g.Sum(x => x.Count)))],
                [.. byExchange.Select(g => new CountBy(g.Keys[0] ?? "", g.Count))],
                [.. byDay.Select(g => new AmountOn(g.Keys[0] ?? "", g.Sums[0]))],
                // Rows written before hours were kept count in whole days.
                LeadTimes.Buckets(lead.Select(g => (Hours: g.Keys[0] is { } hours ? Number(hours) : Number(g.Keys[1]) * 24, g.Count)), LeadTimeMarkDays),
                LeadTimes.Shares(leadByExchange.Select(g => (g.Keys[0] ?? "", Number(g.Keys[1]), g.Count)), LeadTimeMarkDays),
                LeadTimes.Shares(leadByOfficer.Select(g => (g.Keys[0] ?? "", Number(g.Keys[1]), g.Count)), LeadTimeMarkDays),
                LeadTimeMarkDays));
        })).RequireAuthorization(AccessPolicies.CaseReaders).WithTags("Dashboard")
            .WithSummary("Cases by state and exchange, accounts seized, won collected per day, lead times of closed cases (hours below a day) and the share within the 10-day mark per exchange and officer");

    /// <summary>Closed cases counted by two of their fields.</summary>
    private static Task<IReadOnlyList<ViewGroup>> ClosedAsync(IViewStore views, ViewField first, ViewField second, CancellationToken ct) =>
        views.AggregateAsync(new ViewAggregate(CaseRow.View, [first, second], []) { Filters = [ViewFilter.AtLeast(CaseRow.ClosedField, 1)] }, ct);

    private static int Number(string? key) => int.Parse(key ?? "0", System.Globalization.CultureInfo.InvariantCulture);
}
