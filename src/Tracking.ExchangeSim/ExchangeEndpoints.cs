using Tracking.ExchangeApi;

namespace Tracking.ExchangeSim;

/// <summary>The API each simulated exchange offers the collection office, under <c>/{exchange}/</c>.</summary>
public static class ExchangeEndpoints
{
    public static void MapExchangeApi(this WebApplication app)
    {
        var exchange = app.MapGroup("/{exchange}");
        exchange.MapPost(ExchangeApiPaths.Seizures, (string exchange, CaseRequest request, ExchangeMarket market, CancellationToken ct) => ReceiveAsync(market[exchange], SimOperation.Seizure, request, ct));
        exchange.MapPost(ExchangeApiPaths.Orders, (string exchange, CaseRequest request, ExchangeMarket market, CancellationToken ct) => ReceiveAsync(market[exchange], SimOperation.Sell, request, ct));
        exchange.MapPost(ExchangeApiPaths.KrwWithdrawals, (string exchange, CaseRequest request, ExchangeMarket market, CancellationToken ct) => ReceiveAsync(market[exchange], SimOperation.WithdrawKrw, request, ct));
        exchange.MapPost(ExchangeApiPaths.Releases, (string exchange, CaseRequest request, ExchangeMarket market, CancellationToken ct) => ReceiveAsync(market[exchange], SimOperation.Release, request, ct));
        exchange.MapGet("v1/accounts/{accountId}", (string exchange, string accountId, ExchangeMarket market) =>
            market[exchange].Balances(accountId) is { } balances ? Results.Ok(balances) : Results.NotFound());
        exchange.MapGet(ExchangeApiPaths.Ticker, (ExchangeMarket market) =>
            Results.Ok<IReadOnlyList<Ticker>>(market.Prices.Snapshot().Select(p => new Ticker(MarketOrder.KrwMarketPrefix + p.Key, p.Value)).ToArray()));
    }

    private static async Task<IResult> ReceiveAsync(SimulatedExchange exchange, SimOperation operation, CaseRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.RequestId) || string.IsNullOrWhiteSpace(request.AccountId))
        {
            return Results.Problem("request_id and account_id are required", statusCode: StatusCodes.Status400BadRequest);
        }

        var reception = exchange.Receive(operation, request);
        await Task.Delay(reception.Delay, cancellationToken);
        return reception.StatusCode switch
        {
            StatusCodes.Status200OK => Results.Ok(reception.Response),
            StatusCodes.Status409Conflict => Results.Problem($"request {request.RequestId} was already used for another operation or account", statusCode: StatusCodes.Status409Conflict),
            _ => Results.Problem("the exchange is temporarily unavailable", statusCode: reception.StatusCode),
        };
    }
}
