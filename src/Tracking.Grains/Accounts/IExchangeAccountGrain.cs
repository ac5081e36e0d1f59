using Tracking.Runtime;

namespace Tracking.Grains.Accounts;

/// <summary>One account at one exchange. Keyed "{exchange}/{accountId}" (see <see cref="AccountKey"/>).</summary>
public interface IExchangeAccountGrain : IGrain;
