using Tracking.Domain.Accounts;
using Tracking.Grains.Imports;

namespace Tracking.Grains.Accounts;

/// <summary>One account at one exchange. Keyed "{exchange}/{accountId}" (see <see cref="AccountKey"/>).</summary>
[Alias("exchange-account")]
public interface IExchangeAccountGrain : IGrainWithStringKey
{
    /// <summary>The exchange's latest report of the account.</summary>
    [Alias("report")]
    Task<RecordOutcome> ReportAsync(AccountProfile profile, CancellationToken cancellationToken = default);

    [Alias("get"), ReadOnly]
    Task<ExchangeAccount> GetAsync(CancellationToken cancellationToken = default);
}
