using Tracking.Domain.Ledger;
using Tracking.Domain.Suspense;
using Tracking.Grains.Suspense;
using Tracking.Grains.Taxpayers;
using Tracking.Storage;
using Tracking.TestingHost;

namespace Tracking.Grains.Tests;

public sealed class SuspenseGrainTests
{
    [Theory]
    [AllStorages]
    public async Task A_booking_cut_short_after_the_assignment_was_recorded_is_finished_when_the_grain_next_activates_and_booked_once(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var host = await TestCluster.StartAsync(storage);
        var taxpayer = host.GrainFactory.GetGrain<ITaxpayerGrain>("T-1");
        await taxpayer.AssessAsync([new TaxItem("I-1", "재산세", new DateOnly(2025, 9, 30), 500_000, 0, 0)]);

        // As a silo that died between recording the assignment and booking it left the payment.
        var at = DateTimeOffset.UtcNow;
        var events = new SuspenseEvent[] { new PaymentSuspended("T-9", 120_000, "bank", "payments.csv line 2", at), new SuspendedPaymentAssigned("T-1", "officer:kim", "the slip names T-1", at) };
        var assigned = SuspenseDecider.ApplyAll(SuspendedPayment.None("PAY-1"), events);
        await host.Context.States.WriteAsync(SuspenseGrain.Change(new GrainKey(SuspenseGrain.TypeName, "PAY-1"), stored: null, assigned, events, [SuspenseRow.Of(assigned)], indexed: null, at), CancellationToken.None);

        var suspense = host.GrainFactory.GetGrain<ISuspenseGrain>("PAY-1");
        for (var i = 0; i < 100 && (await suspense.GetAsync()).Status != SuspenseStatus.Booked; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(SuspenseStatus.Booked, (await suspense.GetAsync()).Status);
        Assert.Equal(120_000, (await taxpayer.GetAsync()).TotalReceived);

        // Asked again (an officer's retry, or a later activation): the ledger takes the reference once.
        await suspense.AssignAsync("T-1", "officer:kim", "retry");
        await host.RestartAsync();
        Assert.Equal(SuspenseStatus.Booked, (await host.GrainFactory.GetGrain<ISuspenseGrain>("PAY-1").GetAsync()).Status);
        Assert.Equal(120_000, (await host.GrainFactory.GetGrain<ITaxpayerGrain>("T-1").GetAsync()).TotalReceived);
    }
}
