using Tracking.Domain.Seizures;
using Tracking.ExchangeApi.Simulator;
using Tracking.Grains.Seizures;
using Tracking.TestingHost;

namespace Tracking.Grains.Tests.Seizures;

/// <summary>
/// The same small caseload through a misbehaving exchange and through silo restarts: each ends in
/// the state a well-behaved run ends in, money conserved, no request carried out twice.
/// </summary>
[Collection(ExchangeSimCollection.Name)]
public sealed class SeizureFailureTests(ExchangeSimFixture fixture)
{
    private static readonly FaultOptions s_hostile = new()
    {
        ErrorRate = 0.3,
        TimeoutRate = 0.1,
        TimeoutMs = 1_300,
        MaxProcessingMs = 40,
        DuplicateCallbackRate = 0.5,
        DropCallbackRate = 0.3,
        MaxCallbackDelayMs = 150,
    };

    [Fact]
    public async Task Errors_timeouts_and_lost_repeated_or_late_callbacks_change_no_outcome()
    {
        var calm = await RunCaseloadAsync(faults: null, restartEachStep: false);
        var hostile = await RunCaseloadAsync(s_hostile, restartEachStep: false);

        Assert.Equal(calm, hostile);
    }

    [Theory]
    [AllStorages]
    public async Task A_silo_restarted_at_every_step_even_with_answers_in_flight_ends_in_the_same_states(string storage)
    {
        var calm = await RunCaseloadAsync(faults: null, restartEachStep: false);
        var restarted = await RunCaseloadAsync(s_hostile with { ErrorRate = 0.1, TimeoutRate = 0 }, restartEachStep: true, storage);

        Assert.Equal(calm, restarted);
    }

    /// <summary>Runs five cases to the end; returns each one's outcome and money, in a comparable form.</summary>
    private async Task<string> RunCaseloadAsync(FaultOptions? faults, bool restartEachStep, string storage = TestStorage.Sqlite)
    {
        await using var h = await LifecycleHarness.StartAsync(fixture.Simulator, storage);
        await h.SetPricesAsync(("BTC", 100_000_000m), ("ETH", 5_000_000m));
        if (faults is not null)
        {
            await h.SetFaultsAsync(faults);
            await h.SetFaultsAsync(faults, h.OtherExchange);
        }

        await h.AddTaxpayerAsync("T-PAYS", 3_000_000);
        await h.AddTaxpayerAsync("T-KRW", 2_000_000);
        await h.AddTaxpayerAsync("T-SALE", 7_000_000, 500_000, 20_000);
        await h.AddTaxpayerAsync("T-TWO", 6_000_000);
        await h.AddTaxpayerAsync("T-WRONG", 1_000_000);
        await h.AddAccountAsync("A-PAYS", new SimHolding("BTC", 1m, 0));
        await h.AddAccountAsync("A-KRW", new SimHolding("KRW", 2_500_000m, 0));
        await h.AddAccountAsync("A-SALE", new SimHolding("ETH", 3m, 0), new SimHolding("BTC", 0.05m, 0));
        await h.AddAccountAsync("A-TWO", new SimHolding("KRW", 1_000_000m, 0), new SimHolding("ETH", 1m, 0));
        await h.AddAccountAsync(h.OtherExchange, "B-TWO", new SimHolding("KRW", 4_000_000m, 0));
        await h.AddAccountAsync("A-WRONG", new SimHolding("BTC", 1m, 0));
        var ids = new[]
        {
            await h.OpenAsync("T-PAYS", "A-PAYS"),
            await h.OpenAsync("T-KRW", "A-KRW"),
            await h.OpenAsync("T-SALE", "A-SALE"),
            await h.OpenAsync("T-TWO", "A-TWO"),
            await h.OpenAsync("T-TWO", "B-TWO", h.OtherExchange),
            await h.OpenAsync("T-WRONG", "A-WRONG"),
        };
        await h.Grains.GetGrain<ISeizureGrain>(ids[5]).RequestCancellationAsync("namesake, not the taxpayer", "officer:park");
        await h.Grains.GetGrain<ISeizureGrain>(ids[5]).ApproveCancellationAsync("supervisor:lee");
        await h.PayAsync("T-PAYS", "BANK-1", 3_000_000);

        for (var step = 0; step < 240 && !await h.AllClosedAsync(); step++)
        {
            if (restartEachStep)
            {
                // Restart right after the clock moves, while reminders, requests and callbacks are in flight.
                h.Clock.Advance(TimeSpan.FromHours(6));
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, 50)));
                await h.RestartAsync();
                await h.SettleAsync();
                await h.Driver.ApproveSalesAsync(LifecycleHarness.Supervisor, CancellationToken.None);
            }
            else
            {
                await h.Driver.RunAsync(TimeSpan.FromHours(6), TimeSpan.FromHours(6), LifecycleHarness.Supervisor, done: null, CancellationToken.None);
            }
        }

        var seizures = await Task.WhenAll(ids.Select(h.GetAsync));
        Assert.All(seizures, LifecycleHarness.AssertMoneyConserved);
        await h.AssertNothingDoneTwiceAsync(h.Exchange, h.OtherExchange);
        var taxpayers = await Task.WhenAll(new[] { "T-PAYS", "T-KRW", "T-SALE", "T-TWO", "T-WRONG" }.Select(h.TaxpayerAsync));
        Assert.All(taxpayers, t => Assert.Empty(t.OpenSeizures));
        // Of one taxpayer's two seizures, which collects first depends on timing; what they
        // collected together does not.
        return string.Join(
            Environment.NewLine,
            seizures.GroupBy(s => s.TaxpayerId)
                .Select(g => g.Count() == 1
                    ? $"{g.Key} {g.Single().Outcome} applied={g.Single().Applied} refunded={g.Single().Refunded}"
                    : $"{g.Key} {g.Count()} seizures applied={g.Sum(s => s.Applied)} refunded={g.Sum(s => s.Refunded)}")
                .Concat(taxpayers.Select(t => $"{t.TaxpayerId} outstanding={t.Outstanding}")));
    }
}
