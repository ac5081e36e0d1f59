using Tracking.ExchangeApi.Simulator;

namespace Tracking.ExchangeSim;

/// <summary>The operator's handles on the simulator: load accounts, set prices and faults, watch requests and pending work.</summary>
public static class AdminEndpoints
{
    public static void MapAdmin(this WebApplication app)
    {
        var admin = app.MapGroup("/admin");
        admin.MapPut("/prices", (Dictionary<string, decimal> prices, ExchangeMarket market) =>
        {
            market.Prices.Set(prices);
            return Results.Ok(market.Prices.Snapshot());
        });
        admin.MapGet("/prices", (ExchangeMarket market) => Results.Ok(market.Prices.Snapshot()));
        admin.MapGet("/pending", (ExchangeMarket market) => Results.Ok(new SimPending(market.Activity.Processing, market.Activity.Callbacks, market.Activity.CallbacksTaken, market.Activity.CallbacksRefused)));
        admin.MapPut("/exchanges/{exchange}/accounts", (string exchange, IReadOnlyList<SimAccountLoad> accounts, ExchangeMarket market) =>
        {
            foreach (var account in accounts)
            {
                market[exchange].PutAccount(account.AccountId, account.Holdings.Select(h => (h.Currency, h.Total, h.Locked)), account.Closed);
            }

            return Results.Ok(accounts.Count);
        });
        admin.MapGet("/exchanges/{exchange}/accounts/{accountId}", (string exchange, string accountId, ExchangeMarket market) =>
            market[exchange].AccountState(accountId) is { } state ? Results.Ok(state) : Results.NotFound());
        admin.MapPut("/exchanges/{exchange}/faults", (string exchange, FaultOptions faults, ExchangeMarket market) =>
        {
            market[exchange].Faults = faults;
            return Results.Ok(faults);
        });
        admin.MapGet("/exchanges/{exchange}/requests", (string exchange, ExchangeMarket market) => Results.Ok(market[exchange].Requests()));
    }
}
