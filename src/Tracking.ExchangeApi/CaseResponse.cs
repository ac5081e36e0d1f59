namespace Tracking.ExchangeApi;

/// <summary>The immediate answer to a request: <see cref="Accepted"/> (the result follows by callback, or on asking again) or <see cref="Done"/> with the result.</summary>
public sealed record CaseResponse(string RequestId, string Status, CaseResult? Result)
{
    public const string Accepted = "accepted";
    public const string Done = "done";
}

/// <summary>What the exchange did about a request; sent as the callback body and returned when a finished request is repeated.</summary>
public sealed record CaseResult(string RequestId, string Exchange, string CaseReference, string Outcome)
{
    public const string Frozen = "frozen";
    public const string AccountClosed = "account_closed";
    public const string NoSuchAccount = "no_such_account";
    public const string Filled = "filled";
    public const string Remitted = "remitted";
    public const string Released = "released";

    /// <summary>For <see cref="Frozen"/>: the account's balances when it was frozen.</summary>
    public IReadOnlyList<CurrencyBalance>? Balances { get; init; }

    /// <summary>For <see cref="Filled"/>: one fill per order.</summary>
    public IReadOnlyList<Fill>? Fills { get; init; }

    /// <summary>For <see cref="Remitted"/>: won transferred, and the transfer's reference.</summary>
    public long? Amount { get; init; }

    public string? TransferId { get; init; }

    public string? Detail { get; init; }
}

/// <summary>One currency of an account, in the shape of Upbit's accounts API (numbers as strings).</summary>
public sealed record CurrencyBalance(string Currency, string Balance, string Locked, string AvgBuyPrice, string UnitCurrency);

/// <summary>An executed market sell order: volume sold, average price, gross KRW and the fee charged.</summary>
public sealed record Fill(string Market, decimal Volume, decimal AvgPrice, long Funds, long Fee);

/// <summary>The last trade price of one market.</summary>
public sealed record Ticker(string Market, decimal TradePrice);
