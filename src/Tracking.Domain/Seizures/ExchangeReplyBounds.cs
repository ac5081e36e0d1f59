using Tracking.Domain.Accounts;

namespace Tracking.Domain.Seizures;

/// <summary>
/// What an exchange's answer may say and still be believed: no negative or absurd quantity, no
/// amount beyond what a ledger holds, no fee above its sale. An answer outside these is refused
/// before it changes anything.
/// </summary>
public static class ExchangeReplyBounds
{
    /// <summary>The longest asset symbol an answer may name.</summary>
    public const int MaxAssetLength = 32;

    /// <summary>The most holdings or fills one answer may list.</summary>
    public const int MaxEntries = 1_000;

    public static string? Problem(ExchangeReply reply) => reply switch
    {
        ExchangeReply.Frozen frozen when frozen.Holdings.Count > MaxEntries => $"the answer lists {frozen.Holdings.Count:N0} holdings; at most {MaxEntries:N0} are believed",
        ExchangeReply.Frozen frozen => frozen.Holdings.Select(HoldingProblem).FirstOrDefault(p => p is not null),
        ExchangeReply.Sold sold when sold.Fills.Count > MaxEntries => $"the answer lists {sold.Fills.Count:N0} fills; at most {MaxEntries:N0} are believed",
        ExchangeReply.Sold sold => sold.Fills.Select(FillProblem).FirstOrDefault(p => p is not null)
            ?? (sold.Fills.Sum(f => f.Gross) > Won.Max ? $"the fills come to more than {Won.Format(Won.Max)}" : null),
        ExchangeReply.Remitted remitted when !Won.InRange(remitted.Amount) => $"a remittance of {remitted.Amount:N0} won is outside 0 to {Won.Format(Won.Max)}",
        ExchangeReply.Remitted remitted => TextLimits.Problem("the transfer reference", remitted.TransferReference, TextLimits.Reference),
        ExchangeReply.AccountUnavailable unavailable => TextLimits.Problem("the exchange's explanation", unavailable.Why, TextLimits.Reason, required: false),
        _ => null,
    };

    private static string? HoldingProblem(Holding holding) =>
        holding.Asset is not { Length: > 0 and <= MaxAssetLength } ? $"a holding names an asset of {holding.Asset?.Length ?? 0} characters"
        : holding.Total is < 0 or > Holding.MaxQuantity || holding.Locked < 0 || holding.Locked > holding.Total
            ? $"a holding of {holding.Asset} reports {holding.Total} units, {holding.Locked} locked: not a holding"
            : null;

    private static string? FillProblem(SaleFill fill) =>
        fill.Asset is not { Length: > 0 and <= MaxAssetLength } ? $"a fill names an asset of {fill.Asset?.Length ?? 0} characters"
        : fill.Quantity is <= 0 or > Holding.MaxQuantity || fill.AveragePrice < 0 || !Won.InRange(fill.Gross) || fill.Fee < 0 || fill.Fee > fill.Gross
            ? $"a fill of {fill.Asset} reports {fill.Quantity} units at {fill.AveragePrice}, {fill.Gross:N0} won gross and {fill.Fee:N0} won fee: not a sale"
            : null;
}
