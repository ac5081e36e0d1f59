using Tracking.Domain.Accounts;

namespace Tracking.Domain.Seizures;

/// <summary>The exchange's answer to one request; the same answer may arrive more than once and out of order.</summary>
public abstract record ExchangeReply(string RequestId)
{
    /// <summary>The notice reached the exchange: the account is frozen with these holdings.</summary>
    public sealed record Frozen(string RequestId, IReadOnlyList<Holding> Holdings) : ExchangeReply(RequestId);

    /// <summary>The account cannot be seized: closed before the notice arrived, or unknown.</summary>
    public sealed record AccountUnavailable(string RequestId, string Why) : ExchangeReply(RequestId);

    /// <summary>The sale orders were executed; net proceeds are credited to the account in KRW.</summary>
    public sealed record Sold(string RequestId, IReadOnlyList<SaleFill> Fills) : ExchangeReply(RequestId);

    /// <summary>KRW was transferred to the office.</summary>
    public sealed record Remitted(string RequestId, long Amount, string TransferReference) : ExchangeReply(RequestId);

    /// <summary>The account is unfrozen.</summary>
    public sealed record Released(string RequestId) : ExchangeReply(RequestId);
}

/// <summary>One executed sale: quantity at the average price, gross KRW, the exchange's fee, and the net credited.</summary>
public sealed record SaleFill(string Asset, decimal Quantity, decimal AveragePrice, long Gross, long Fee)
{
    public long Net => Gross - Fee;
}
