using Tracking.Domain.Ledger;

namespace Tracking.Domain.Tests;

public sealed class PaymentAllocatorTests
{
    private static readonly ItemBalance s_older = Balance("2024-A", "2024-05-31", principal: 100_000, penalty: 10_000, costs: 3_000);
    private static readonly ItemBalance s_newer = Balance("2025-B", "2025-05-31", principal: 50_000, penalty: 5_000, costs: 2_000);

    [Fact]
    public void Costs_of_every_item_come_before_any_tax_and_tax_before_any_penalty()
    {
        var (allocations, remainder) = PaymentAllocator.Allocate([s_newer, s_older], 160_000);

        Assert.Equal(
            [
                new Allocation("2024-A", TaxComponent.Costs, 3_000),
                new Allocation("2025-B", TaxComponent.Costs, 2_000),
                new Allocation("2024-A", TaxComponent.Principal, 100_000),
                new Allocation("2025-B", TaxComponent.Principal, 50_000),
                new Allocation("2024-A", TaxComponent.Penalty, 5_000),
            ],
            allocations);
        Assert.Equal(0, remainder);
    }

    [Fact]
    public void Within_a_component_the_oldest_due_item_is_paid_first()
    {
        var (allocations, _) = PaymentAllocator.Allocate([s_newer, s_older], 5_000 + 60_000);

        Assert.Equal(new Allocation("2024-A", TaxComponent.Principal, 60_000), allocations[^1]);
        Assert.DoesNotContain(allocations, a => a.ItemId == "2025-B" && a.Component == TaxComponent.Principal);
    }

    [Fact]
    public void Items_due_the_same_day_are_taken_in_item_id_order()
    {
        var a = Balance("A", "2025-01-31", principal: 10, penalty: 0, costs: 0);
        var b = Balance("B", "2025-01-31", principal: 10, penalty: 0, costs: 0);

        Assert.Equal("A", PaymentAllocator.Allocate([b, a], 5).Allocations.Single().ItemId);
    }

    [Fact]
    public void Money_beyond_the_debt_is_the_remainder_to_refund()
    {
        var (allocations, remainder) = PaymentAllocator.Allocate([s_older, s_newer], 200_000);

        Assert.Equal(s_older.TotalOutstanding + s_newer.TotalOutstanding, allocations.Sum(a => a.Amount));
        Assert.Equal(200_000 - 170_000, remainder);
    }

    [Fact]
    public void What_was_already_paid_is_not_paid_again()
    {
        var partlyPaid = s_older with { CostsPaid = 3_000, PrincipalPaid = 40_000 };

        var (allocations, _) = PaymentAllocator.Allocate([partlyPaid], 70_000);

        Assert.Equal([new Allocation("2024-A", TaxComponent.Principal, 60_000), new Allocation("2024-A", TaxComponent.Penalty, 10_000)], allocations);
    }

    [Fact]
    public void Nothing_owed_means_everything_is_refunded_and_a_negative_amount_is_refused()
    {
        Assert.Equal((0, 500L), (PaymentAllocator.Allocate([], 500).Allocations.Count, PaymentAllocator.Allocate([], 500).Remainder));
        Assert.Throws<ArgumentOutOfRangeException>(() => PaymentAllocator.Allocate([s_older], -1));
    }

    [Fact]
    public void Random_ledgers_and_payments_conserve_every_won_and_never_overpay_a_component()
    {
        var random = new Random(20261121);
        for (var run = 0; run < 2_000; run++)
        {
            var balances = Enumerable.Range(0, random.Next(0, 5))
                .Select(i => Balance($"I{i}", $"202{random.Next(0, 6)}-0{random.Next(1, 10)}-1{random.Next(0, 9)}", random.Next(0, 1_000_000), random.Next(0, 100_000), random.Next(0, 50_000)))
                .ToArray();
            var amount = (long)random.Next(0, 2_000_000);

            var (allocations, remainder) = PaymentAllocator.Allocate(balances, amount);

            Assert.Equal(amount, allocations.Sum(a => a.Amount) + remainder);
            Assert.All(allocations, a => Assert.True(a.Amount > 0));
            foreach (var balance in balances)
            {
                foreach (var component in Enum.GetValues<TaxComponent>())
                {
                    var applied = allocations.Where(a => a.ItemId == balance.Item.ItemId && a.Component == component).Sum(a => a.Amount);
                    Assert.InRange(applied, 0, balance.Outstanding(component));
                }
            }

            // A remainder is left only when everything is paid.
            Assert.True(remainder == 0 || allocations.Sum(a => a.Amount) == balances.Sum(b => b.TotalOutstanding));

            // Nothing of a later component is paid while an earlier one is still owed.
            var firstUnpaid = Enum.GetValues<TaxComponent>().FirstOrDefault(c => balances.Sum(b => b.Outstanding(c)) > allocations.Where(a => a.Component == c).Sum(a => a.Amount), (TaxComponent)99);
            Assert.DoesNotContain(allocations, a => a.Component > firstUnpaid);
        }
    }

    internal static ItemBalance Balance(string id, string due, long principal, long penalty, long costs) =>
        new(new TaxItem(id, "지방소득세", DateOnly.Parse(due), principal, penalty, costs), 0, 0, 0);
}
