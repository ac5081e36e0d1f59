using Tracking.Domain.Accounts;
using Tracking.Domain.Seizures;

namespace Tracking.Domain.Tests.Seizures;

public sealed class SalePlannerTests
{
    private static readonly Dictionary<string, decimal> s_prices = new() { ["BTC"] = 100_000_000m, ["ETH"] = 5_000_000m, ["DOGE"] = 500m, ["PEPE"] = 0.01m };

    [Fact]
    public void Sells_the_most_liquid_asset_first()
    {
        var orders = SalePlanner.Plan([new Holding("DOGE", 1_000_000m, 0), new Holding("ETH", 10m, 0), new Holding("BTC", 1m, 0)], s_prices, 1_000_000, SeizurePolicy.Default);

        Assert.Equal("BTC", Assert.Single(orders).Asset);
    }

    [Fact]
    public void Moves_to_the_next_asset_only_when_the_first_is_used_up()
    {
        var orders = SalePlanner.Plan([new Holding("ETH", 10m, 0), new Holding("BTC", 0.1m, 0)], s_prices, 20_000_000, SeizurePolicy.Default);

        Assert.Equal(["BTC", "ETH"], orders.Select(o => o.Asset));
        Assert.Equal(0.1m, orders[0].Quantity);
    }

    [Fact]
    public void Sells_everything_when_the_holdings_do_not_cover_the_debt()
    {
        var orders = SalePlanner.Plan([new Holding("ETH", 1m, 0), new Holding("PEPE", 5m, 0), new Holding("XYZ", 5m, 0)], s_prices, 1_000_000_000, SeizurePolicy.Default);

        Assert.Equal([new SaleOrder("ETH", 1m), new SaleOrder("PEPE", 5m)], orders);
    }

    [Fact]
    public void Nothing_is_sold_for_nothing_owed()
    {
        Assert.Empty(SalePlanner.Plan([new Holding("BTC", 1m, 0)], s_prices, 0, SeizurePolicy.Default));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(999_999)]
    [InlineData(12_345_678)]
    [InlineData(99_000_000)]
    public void Covers_the_target_with_margin_and_fee_but_one_step_less_would_not(long target)
    {
        var policy = SeizurePolicy.Default;
        var order = Assert.Single(SalePlanner.Plan([new Holding("BTC", 5m, 0)], s_prices, target, policy));
        var needed = target * (1 + policy.SaleMargin) / (1 - policy.FeeRate);

        Assert.True(order.Quantity * 100_000_000m >= needed);
        Assert.True((order.Quantity - SalePlanner.QuantityStep) * 100_000_000m < needed);
        Assert.Equal(order.Quantity, Math.Round(order.Quantity, 8));
    }
}
