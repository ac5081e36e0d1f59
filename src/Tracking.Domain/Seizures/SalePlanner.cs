using Tracking.Domain.Accounts;

namespace Tracking.Domain.Seizures;

/// <summary>
/// Decides what to sell: only what covers <c>target</c> at current prices after the expected fee
/// and the margin (no over-seizure, Art. 43), most liquid assets first. What is not sold is released.
/// </summary>
public static class SalePlanner
{
    /// <summary>Exchanges trade quantities to 8 decimal places.</summary>
    public const decimal QuantityStep = 0.00000001m;

    public static IReadOnlyList<SaleOrder> Plan(IEnumerable<Holding> coins, IReadOnlyDictionary<string, decimal> prices, long target, SeizurePolicy policy)
    {
        if (target <= 0)
        {
            return [];
        }

        var grossNeeded = target * (1 + policy.SaleMargin) / (1 - policy.FeeRate);
        var orders = new List<SaleOrder>();
        foreach (var (holding, price) in Sellable(coins, prices, policy))
        {
            if (grossNeeded <= 0)
            {
                break;
            }

            var quantity = Math.Min(holding.Total, RoundUp(grossNeeded / price));
            orders.Add(new SaleOrder(holding.Asset, quantity));
            grossNeeded -= quantity * price;
        }

        return orders;
    }

    /// <summary>
    /// What the orders should bring at current prices after the expected fee, at most
    /// <paramref name="target"/>: the cover a sale claims, so that a sale of too little leaves the
    /// rest of the debt to the taxpayer's other seizures instead of releasing them.
    /// </summary>
    public static long ExpectedProceeds(IEnumerable<SaleOrder> orders, IReadOnlyDictionary<string, decimal> prices, long target, SeizurePolicy policy) =>
        (long)Math.Min(target, Math.Floor(orders.Sum(o => o.Quantity * prices.GetValueOrDefault(o.Asset)) * (1 - policy.FeeRate)));

    /// <summary>The value at current prices of what can be sold.</summary>
    public static decimal Value(IEnumerable<Holding> coins, IReadOnlyDictionary<string, decimal> prices, SeizurePolicy policy) =>
        Sellable(coins, prices, policy).Sum(s => s.Holding.Total * s.Price);

    private static IEnumerable<(Holding Holding, decimal Price)> Sellable(IEnumerable<Holding> coins, IReadOnlyDictionary<string, decimal> prices, SeizurePolicy policy) =>
        coins
            .Where(h => h.Total > 0 && prices.TryGetValue(h.Asset, out var p) && p > 0)
            .Select(h => (Holding: h, Price: prices[h.Asset]))
            .OrderBy(s => Rank(policy, s.Holding.Asset))
            .ThenByDescending(s => s.Holding.Total * s.Price)
            .ThenBy(s => s.Holding.Asset, StringComparer.Ordinal);

    private static int Rank(SeizurePolicy policy, string asset)
    {
        for (var i = 0; i < policy.LiquidityOrder.Count; i++)
        {
            if (policy.LiquidityOrder[i] == asset)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private static decimal RoundUp(decimal quantity) => Math.Ceiling(quantity / QuantityStep) * QuantityStep;
}
