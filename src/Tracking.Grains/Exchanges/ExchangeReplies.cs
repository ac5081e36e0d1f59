using System.Globalization;
using Tracking.Domain.Accounts;
using Tracking.Domain.Seizures;
using Tracking.ExchangeApi;

namespace Tracking.Grains.Exchanges;

/// <summary>Reads an exchange's result, however it arrived (response or callback), as the seizure's answer.</summary>
public static class ExchangeReplies
{
    public static ExchangeReply From(CaseResult result) => result.Outcome switch
    {
        CaseResult.Frozen => new ExchangeReply.Frozen(result.RequestId, (result.Balances ?? []).Select(Holding).ToArray()),
        CaseResult.AccountClosed or CaseResult.NoSuchAccount => new ExchangeReply.AccountUnavailable(result.RequestId, result.Detail ?? result.Outcome),
        CaseResult.Filled => new ExchangeReply.Sold(result.RequestId, (result.Fills ?? []).Select(f => new SaleFill(new MarketOrder(f.Market, f.Volume).Asset, f.Volume, f.AvgPrice, f.Funds, f.Fee)).ToArray()),
        CaseResult.Remitted => new ExchangeReply.Remitted(result.RequestId, result.Amount ?? 0, result.TransferId ?? $"{result.Exchange}:{result.RequestId}"),
        CaseResult.Released => new ExchangeReply.Released(result.RequestId),
        _ => throw new InvalidDataException($"exchange {result.Exchange} answered request {result.RequestId} with an unknown outcome '{result.Outcome}'"),
    };

    private static Holding Holding(CurrencyBalance balance)
    {
        var available = decimal.Parse(balance.Balance, NumberStyles.Float, CultureInfo.InvariantCulture);
        var locked = decimal.Parse(balance.Locked, NumberStyles.Float, CultureInfo.InvariantCulture);
        return new Holding(balance.Currency.ToUpperInvariant(), available + locked, locked);
    }
}
