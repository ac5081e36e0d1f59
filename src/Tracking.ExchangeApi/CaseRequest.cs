namespace Tracking.ExchangeApi;

/// <summary>
/// A collection office's request about one account. <see cref="RequestId"/> makes it idempotent:
/// the exchange carries a request out once however often it is sent, and answers a repeat with
/// the result. <see cref="CallbackUrl"/>, when given, receives the result once it is ready.
/// </summary>
public sealed record CaseRequest(string RequestId, string AccountId, string CaseReference, string? CallbackUrl)
{
    /// <summary>For a KRW withdrawal: the amount in won.</summary>
    public long? Amount { get; init; }

    /// <summary>For a sale: market sell orders.</summary>
    public IReadOnlyList<MarketOrder>? Orders { get; init; }
}

/// <summary>A market sell order, Upbit style: market <c>KRW-BTC</c>, volume in the coin.</summary>
public sealed record MarketOrder(string Market, decimal Volume)
{
    public const string KrwMarketPrefix = "KRW-";

    public string Asset => Market.StartsWith(KrwMarketPrefix, StringComparison.Ordinal) ? Market[KrwMarketPrefix.Length..] : Market;

    public static MarketOrder Sell(string asset, decimal volume) => new(KrwMarketPrefix + asset, volume);
}
