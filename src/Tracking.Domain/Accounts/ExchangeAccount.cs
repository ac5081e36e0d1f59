namespace Tracking.Domain.Accounts;

/// <summary>
/// An account at an exchange: what the exchange last reported of it. The taxpayers it may belong
/// to are recorded with each taxpayer (and every sweep's candidates with the sweep), not here.
/// </summary>
public sealed record ExchangeAccount(string Exchange, string AccountId, AccountProfile? Profile)
{
    public static ExchangeAccount Empty(string exchange, string accountId) => new(exchange, accountId, null);
}
