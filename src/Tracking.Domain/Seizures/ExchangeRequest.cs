namespace Tracking.Domain.Seizures;

/// <summary>What a seizure asks of the exchange.</summary>
public enum ExchangeRequestKind
{
    /// <summary>The receivable-seizure notice (채권압류통지): freeze the account and report its holdings.</summary>
    SeizureNotice,

    /// <summary>Remit KRW held in the account to the office.</summary>
    RemitKrw,

    /// <summary>Sell the listed quantities at market for KRW, credited to the account.</summary>
    Sell,

    /// <summary>The release notice: unfreeze the account.</summary>
    Release,
}

/// <summary>
/// A request to the exchange, identified by an id the exchange deduplicates on: a retried request
/// carries the same id, so the exchange carries it out once.
/// </summary>
public sealed record ExchangeRequest(string RequestId, ExchangeRequestKind Kind, DateTimeOffset IssuedAt)
{
    /// <summary>
    /// KRW to remit, for <see cref="ExchangeRequestKind.RemitKrw"/>; for <see cref="ExchangeRequestKind.Sell"/>,
    /// the part of the debt the sale covers: the debt it is sized for, or what it is expected to bring if less.
    /// </summary>
    public long Amount { get; init; }

    /// <summary>Whether answering this request brings money to the office.</summary>
    public bool Collects => Kind is ExchangeRequestKind.RemitKrw or ExchangeRequestKind.Sell;

    /// <summary>What to sell, for <see cref="ExchangeRequestKind.Sell"/>.</summary>
    public IReadOnlyList<SaleOrder> Orders { get; init; } = [];
}

/// <summary>A market sell order for a quantity of one asset.</summary>
public sealed record SaleOrder(string Asset, decimal Quantity);
