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
        CaseResult.Frozen => new ExchangeReply.Frozen(result.RequestId, Entries(result.Balances, "balance").Select(Holding).ToArray()),
        CaseResult.AccountClosed or CaseResult.NoSuchAccount => new ExchangeReply.AccountUnavailable(result.RequestId, result.Detail ?? result.Outcome),
        CaseResult.Filled => new ExchangeReply.Sold(result.RequestId, Entries(result.Fills, "fill").Select(f => new SaleFill(new MarketOrder(f.Market ?? "", f.Volume).Asset, f.Volume, f.AvgPrice, f.Funds, f.Fee)).ToArray()),
        CaseResult.Remitted => new ExchangeReply.Remitted(result.RequestId, result.Amount ?? 0, result.TransferId ?? UnnamedTransfer(result.Exchange, result.RequestId)),
        CaseResult.Released => new ExchangeReply.Released(result.RequestId),
        _ => throw new InvalidDataException($"exchange {result.Exchange} answered request {result.RequestId} with an unknown outcome '{result.Outcome}'"),
    };

    /// <summary>
    /// A name for a transfer the exchange sent without its own reference: the same for the same
    /// answer however often it comes, and made from a digest of the request, whose id is shown to no
    /// one outside the office (the transfer reference is, on case pages and in the ledger).
    /// </summary>
    private static string UnnamedTransfer(string? exchange, string requestId) =>
        $"{exchange}:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(requestId)))[..16]}";

    private static IReadOnlyList<T> Entries<T>(IReadOnlyList<T>? entries, string what) where T : class =>
        entries is null ? []
        : entries.Any(e => e is null) ? throw new InvalidDataException($"an empty {what} in the answer")
        : entries;

    private static Holding Holding(CurrencyBalance balance) =>
        new((balance.Currency ?? "").ToUpperInvariant(), Quantity(balance.Balance, balance.Currency) + Quantity(balance.Locked, balance.Currency), Quantity(balance.Locked, balance.Currency));

    /// <summary>The exchanges send quantities as strings (no binary rounding); anything else is an answer not to believe.</summary>
    private static decimal Quantity(string? text, string? currency) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var quantity)
            ? quantity
            : throw new InvalidDataException($"a balance of {currency} is not a number");
}
