namespace Tracking.Domain.Ledger;

/// <summary>
/// Applies money to a taxpayer's debts in the legal order: all collection costs first, then all
/// tax without penalties, then all penalty taxes (지방세징수법 제4조); within each, the oldest due
/// item first. What is left over is to be refunded.
/// </summary>
public static class PaymentAllocator
{
    public static (IReadOnlyList<Allocation> Allocations, long Remainder) Allocate(IEnumerable<ItemBalance> balances, long amount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        var ordered = balances.OrderBy(b => b.Item.DueDate).ThenBy(b => b.Item.ItemId, StringComparer.Ordinal).ToArray();
        var allocations = new List<Allocation>();
        var left = amount;
        foreach (var component in Enum.GetValues<TaxComponent>())
        {
            foreach (var balance in ordered)
            {
                var applied = Math.Min(left, balance.Outstanding(component));
                if (applied > 0)
                {
                    allocations.Add(new Allocation(balance.Item.ItemId, component, applied));
                    left -= applied;
                }
            }
        }

        return (allocations, left);
    }
}
