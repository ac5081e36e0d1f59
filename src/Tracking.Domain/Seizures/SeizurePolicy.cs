namespace Tracking.Domain.Seizures;

/// <summary>The office's rules for working a seizure.</summary>
public sealed record SeizurePolicy
{
    /// <summary>Time between the sale warning to the taxpayer and the sale (Art. 71(3)). Default 7 days.</summary>
    public TimeSpan SaleWarningPeriod { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Time from receiving money to distributing it; the law allows at most 30 days (Art. 97). Default 1 day.</summary>
    public TimeSpan DistributionDelay { get; init; } = TimeSpan.FromDays(1);

    /// <summary>How long a supervisor has to approve a proposed sale or a cancellation asked for before the case is overdue. Default 1 day.</summary>
    public TimeSpan ApprovalWithin { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Sell this much more than the debt to absorb slippage and price moves. Default 3 %.</summary>
    public decimal SaleMargin { get; init; } = 0.03m;

    /// <summary>The exchange fee assumed when sizing a sale. Default 0.25 %.</summary>
    public decimal FeeRate { get; init; } = 0.0025m;

    /// <summary>Assets in the order they are sold, most liquid first; others follow, largest value first.</summary>
    public IReadOnlyList<string> LiquidityOrder { get; init; } = ["BTC", "ETH", "USDT", "XRP", "SOL", "DOGE", "ADA"];

    public static SeizurePolicy Default { get; } = new();

    /// <summary>Why this policy is not lawful or not workable, or null.</summary>
    public string? Problem() =>
        DistributionDelay < TimeSpan.Zero || DistributionDelay > TimeSpan.FromDays(30) ? "the distribution delay must be between 0 and 30 days"
        : SaleWarningPeriod < TimeSpan.Zero ? "the sale warning period cannot be negative"
        : ApprovalWithin <= TimeSpan.Zero ? "the time to approve must be positive"
        : SaleMargin < 0 || FeeRate < 0 || FeeRate >= 1 ? "the sale margin and fee rate must be non-negative, the fee rate below 1"
        : null;
}
