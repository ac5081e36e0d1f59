using Tracking.Domain.Matching;

namespace Tracking.Domain.Accounts;

/// <summary>An account at an exchange: what the exchange last reported of it, and the taxpayers it may belong to.</summary>
public sealed record ExchangeAccount(string Exchange, string AccountId, AccountProfile? Profile, IReadOnlyList<MatchCandidate> Candidates)
{
    public static ExchangeAccount Empty(string exchange, string accountId) => new(exchange, accountId, null, []);
}
