using Tracking.ExchangeApi;

namespace Tracking.ExchangeSim;

/// <summary>The API each simulated exchange offers the collection office, under <c>/{exchange}/</c>.</summary>
public static class ExchangeEndpoints
{
    private static readonly (string Path, SimOperation Operation)[] s_operations =
    [
        (ExchangeApiPaths.Seizures, SimOperation.Seizure),
        (ExchangeApiPaths.Orders, SimOperation.Sell),
        (ExchangeApiPaths.KrwWithdrawals, SimOperation.WithdrawKrw),
        (ExchangeApiPaths.Releases, SimOperation.Release),
    ];

    public static void MapExchangeApi(this WebApplication app)
    {
        var exchange = app.MapGroup("/{exchange}");
        foreach (var (path, operation) in s_operations)
        {
            exchange.MapPost(path, (string exchange, CaseRequest request, ExchangeMarket market, HttpContext http, CancellationToken ct) =>
                ReceiveAsync(market[exchange], operation, request, TraceIdOf(http.Request.Headers.TraceParent), ct));
        }

        exchange.MapGet(ExchangeApiPaths.Account, (string exchange, string accountId, ExchangeMarket market) =>
            market[exchange].Balances(accountId) is { } balances ? Results.Ok(balances) : Results.NotFound());
        exchange.MapGet(ExchangeApiPaths.Ticker, (ExchangeMarket market) =>
            Results.Ok<IReadOnlyList<Ticker>>(market.Prices.Snapshot().Select(p => new Ticker(MarketOrder.KrwMarketPrefix + p.Key, p.Value)).ToArray()));
    }

    /// <summary>The trace id of a W3C <c>traceparent</c> (version-traceid-spanid-flags), or null.</summary>
    private static string? TraceIdOf(string? traceParent) =>
        traceParent?.Split('-') is [_, { Length: 32 } traceId, _, _] ? traceId : null;

    private static async Task<IResult> ReceiveAsync(SimulatedExchange exchange, SimOperation operation, CaseRequest request, string? traceId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.RequestId) || string.IsNullOrWhiteSpace(request.AccountId))
        {
            return Results.Problem("request_id and account_id are required", statusCode: StatusCodes.Status400BadRequest);
        }

        var reception = exchange.Receive(operation, request, traceId);
        await Task.Delay(reception.Delay, cancellationToken);
        return reception.StatusCode switch
        {
            StatusCodes.Status200OK => Results.Ok(reception.Response),
            StatusCodes.Status409Conflict => Results.Problem($"request {request.RequestId} was already used for another operation or account", statusCode: StatusCodes.Status409Conflict),
            _ => Results.Problem("the exchange is temporarily unavailable", statusCode: reception.StatusCode),
        };
    }
}
