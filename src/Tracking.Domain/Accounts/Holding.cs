namespace Tracking.Domain.Accounts;

/// <summary>What an account holds of one asset: the whole quantity and the part locked in open orders.</summary>
public sealed record Holding(string Asset, decimal Total, decimal Locked)
{
    /// <summary>The most units of one asset a file or an exchange's answer may report (10^15): beyond any real holding, and small enough that its value cannot overflow.</summary>
    public const decimal MaxQuantity = 1_000_000_000_000_000m;
}
