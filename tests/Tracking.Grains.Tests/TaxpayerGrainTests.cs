using Tracking.Domain.Ledger;
using Tracking.Grains.Taxpayers;
using Tracking.TestingHost;

namespace Tracking.Grains.Tests;

public sealed class TaxpayerGrainTests
{
    private static readonly TaxItem s_property = new("2025-P", "재산세", new DateOnly(2025, 9, 30), 300_000, 30_000, 10_000);
    private static readonly TaxItem s_income = new("2024-I", "지방소득세", new DateOnly(2024, 5, 31), 120_000, 12_000, 0);

    [Theory]
    [AllStorages]
    public async Task Payments_are_applied_in_legal_order_once_each_and_survive_a_restart(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var host = await StartAsync(storage);
        var taxpayer = host.GrainFactory.GetGrain<ITaxpayerGrain>("T-100");

        var view = await taxpayer.AssessAsync([s_property, s_income]);
        Assert.Equal(472_000, view.Outstanding);

        var receipt = await taxpayer.ReceivePaymentAsync("BANK-1", 200_000, "voluntary");
        Assert.False(receipt.Duplicate);
        Assert.Equal(
            [
                new Allocation("2025-P", TaxComponent.Costs, 10_000),
                new Allocation("2024-I", TaxComponent.Principal, 120_000),
                new Allocation("2025-P", TaxComponent.Principal, 70_000),
            ],
            receipt.Allocations);

        var duplicate = await taxpayer.ReceivePaymentAsync("BANK-1", 200_000, "voluntary");
        Assert.True(duplicate.Duplicate);
        Assert.Equal(272_000, duplicate.OutstandingAfter);

        await host.RestartAsync();
        taxpayer = host.GrainFactory.GetGrain<ITaxpayerGrain>("T-100");
        var after = await taxpayer.GetAsync();
        Assert.Equal(272_000, after.Outstanding);
        Assert.Equal(0, after.OutstandingCosts);
        Assert.Equal(42_000, after.OutstandingPenalty);
        Assert.Equal(2, after.Version);

        var history = await taxpayer.GetHistoryAsync();
        Assert.Collection(
            history,
            e => Assert.Equal(s_property, Assert.IsType<TaxItemAssessed>(e.Event).Item),
            e => Assert.Equal(s_income, Assert.IsType<TaxItemAssessed>(e.Event).Item),
            e => Assert.Equal(receipt.Allocations, Assert.IsType<PaymentApplied>(e.Event).Allocations));
    }

    [Fact]
    public async Task A_rejected_command_writes_nothing()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Sqlite);
        await using var host = await StartAsync(storage);
        var taxpayer = host.GrainFactory.GetGrain<ITaxpayerGrain>("T-200");
        await taxpayer.AssessAsync([s_property]);

        var error = await Assert.ThrowsAsync<CommandRejectedException>(() => taxpayer.AssessAsync([s_income, s_property with { Principal = 1 }]));
        Assert.Contains("2025-P", error.Message);

        var view = await taxpayer.GetAsync();
        Assert.Equal(1, view.Version);
        Assert.Single(view.Items);
    }

    [Theory]
    [AllStorages]
    public async Task Concurrent_payments_from_many_sources_are_all_counted_exactly_once(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var host = await StartAsync(storage);
        var taxpayer = host.GrainFactory.GetGrain<ITaxpayerGrain>("T-300");
        await taxpayer.AssessAsync([s_property, s_income]);

        // 50 payments of 10,000 won, each delivered twice, from parallel senders.
        var sends = Enumerable.Range(0, 100).Select(i => Task.Run(() => taxpayer.ReceivePaymentAsync($"P-{i % 50}", 10_000, "exchange")));
        var receipts = await Task.WhenAll(sends);

        Assert.Equal(50, receipts.Count(r => !r.Duplicate));
        var view = await taxpayer.GetAsync();
        Assert.Equal(500_000, view.TotalReceived);
        Assert.Equal(0, view.Outstanding);
        Assert.Equal(28_000, view.TotalRefundDue);
    }

    private static Task<TestCluster> StartAsync(TestStorage storage) => TestCluster.StartAsync(storage);
}
