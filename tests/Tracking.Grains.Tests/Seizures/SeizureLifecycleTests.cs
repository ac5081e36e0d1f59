using Microsoft.Extensions.DependencyInjection;
using Tracking.Domain.Ledger;
using Tracking.Domain.Seizures;
using Tracking.ExchangeApi.Simulator;
using Tracking.Grains.Seizures;
using Tracking.Grains.Taxpayers;
using Tracking.TestingHost;

namespace Tracking.Grains.Tests.Seizures;

/// <summary>Every path of the lifecycle, end to end against the exchange simulator on a simulated clock.</summary>
[Collection(ExchangeSimCollection.Name)]
public sealed class SeizureLifecycleTests(ExchangeSimFixture fixture)
{
    private static readonly SimHolding[] s_oneBitcoin = [new("BTC", 1m, 0)];

    [Theory]
    [AllStorages]
    public async Task Full_voluntary_payment_after_the_notice_releases_the_account_without_collecting(string storage)
    {
        await using var h = await StartAsync(storage);
        await h.AddTaxpayerAsync("T-1", 2_000_000, 300_000, 10_000);
        await h.AddAccountAsync("A-1", s_oneBitcoin);
        var id = await h.OpenAsync("T-1", "A-1");
        await h.SettleAsync();
        Assert.Equal(SeizureStatus.SaleWarned, (await h.GetAsync(id)).Status);
        Assert.Equal(id, (await h.Simulator.GetAccountAsync(h.Exchange, "A-1", default))!.FrozenFor);

        // Read once now, the histories are kept by the activations from here on, and every later step appends to them.
        await h.AssertHistoriesAsStoredAsync(id, "T-1");
        await h.PayAsync("T-1", "BANK-1", 2_310_000);
        await h.RunUntilClosedAsync();
        await h.AssertHistoriesAsStoredAsync(id, "T-1");

        var seizure = await h.GetAsync(id);
        Assert.Equal(SeizureOutcome.DebtSatisfied, seizure.Outcome);
        Assert.Equal(0, seizure.Collected);
        LifecycleHarness.AssertMoneyConserved(seizure);
        var account = await h.Simulator.GetAccountAsync(h.Exchange, "A-1", default);
        Assert.Null(account!.FrozenFor);
        Assert.Equal("1", account.Balances.Single(b => b.Currency == "BTC").Balance);
        Assert.DoesNotContain((await h.HistoryAsync(id)).Select(e => e.Event), e => e is ExchangeRequestIssued { Request.Kind: ExchangeRequestKind.Sell });
        await h.AssertNothingDoneTwiceAsync();
    }

    [Fact]
    public async Task A_partial_payment_then_a_sale_sells_only_for_the_rest()
    {
        await using var h = await StartAsync();
        await h.AddTaxpayerAsync("T-1", 10_000_000);
        await h.AddAccountAsync("A-1", s_oneBitcoin);
        var id = await h.OpenAsync("T-1", "A-1");
        await h.SettleAsync();
        await h.PayAsync("T-1", "BANK-1", 4_000_000);

        await h.RunUntilClosedAsync();

        var seizure = await h.GetAsync(id);
        Assert.Equal(SeizureOutcome.DebtSatisfied, seizure.Outcome);
        Assert.Equal(6_000_000, seizure.Applied);
        var sale = SaleOf(await h.HistoryAsync(id));
        Assert.Equal(6_000_000, sale.Amount);
        Assert.InRange(sale.Orders.Single().Quantity * 100_000_000m, 6_000_000m, 6_000_000m * 1.04m);
        Assert.Equal(0, (await h.TaxpayerAsync("T-1")).Outstanding);
        LifecycleHarness.AssertMoneyConserved(seizure);
        await h.AssertNothingDoneTwiceAsync();
    }

    [Fact]
    public async Task Krw_is_collected_directly_up_to_the_debt_and_the_rest_left_to_the_taxpayer()
    {
        await using var h = await StartAsync();
        await h.AddTaxpayerAsync("T-1", 2_000_000);
        await h.AddAccountAsync("A-1", new SimHolding("KRW", 3_000_000m, 0));
        var id = await h.OpenAsync("T-1", "A-1");

        await h.RunUntilClosedAsync(supervisor: null);

        var seizure = await h.GetAsync(id);
        Assert.Equal((SeizureOutcome.DebtSatisfied, 2_000_000L, 0L), (seizure.Outcome!.Value, seizure.Applied, seizure.Refunded));
        Assert.Equal("1000000", (await h.Simulator.GetAccountAsync(h.Exchange, "A-1", default))!.Balances.Single().Balance);
        Assert.InRange(seizure.LeadTime!.Value, TimeSpan.FromDays(1), TimeSpan.FromDays(2));
        LifecycleHarness.AssertMoneyConserved(seizure);
    }

    [Fact]
    public async Task Part_of_the_holdings_is_sold_most_liquid_first_and_the_rest_released()
    {
        await using var h = await StartAsync();
        await h.AddTaxpayerAsync("T-1", 5_000_000);
        await h.AddAccountAsync("A-1", new SimHolding("XRP", 10_000m, 0), new SimHolding("BTC", 1m, 0));
        var id = await h.OpenAsync("T-1", "A-1");

        await h.RunUntilClosedAsync();

        var seizure = await h.GetAsync(id);
        Assert.Equal(SeizureOutcome.DebtSatisfied, seizure.Outcome);
        var order = SaleOf(await h.HistoryAsync(id)).Orders.Single();
        Assert.Equal("BTC", order.Asset);
        var account = await h.Simulator.GetAccountAsync(h.Exchange, "A-1", default);
        Assert.Null(account!.FrozenFor);
        Assert.Equal(1m - order.Quantity, decimal.Parse(account.Balances.Single(b => b.Currency == "BTC").Balance, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("10000", account.Balances.Single(b => b.Currency == "XRP").Balance);
        Assert.Equal(5_000_000, seizure.Applied);
        LifecycleHarness.AssertMoneyConserved(seizure);
    }

    [Fact]
    public async Task A_price_drop_between_warning_and_sale_sells_more_but_never_more_than_needed()
    {
        await using var h = await StartAsync();
        await h.AddTaxpayerAsync("T-1", 20_000_000);
        await h.AddAccountAsync("A-1", s_oneBitcoin);
        var id = await h.OpenAsync("T-1", "A-1");
        await h.SettleAsync();
        Assert.Equal(SeizureStatus.SaleWarned, (await h.GetAsync(id)).Status);

        await h.SetPricesAsync(("BTC", 80_000_000m));
        await h.RunUntilClosedAsync();

        var sale = SaleOf(await h.HistoryAsync(id)).Orders.Single();
        var needed = 20_000_000m * (1 + SeizurePolicy.Default.SaleMargin) / (1 - SeizurePolicy.Default.FeeRate);
        Assert.True(sale.Quantity * 80_000_000m >= needed);
        Assert.True((sale.Quantity - SalePlanner.QuantityStep) * 80_000_000m < needed);
        var seizure = await h.GetAsync(id);
        Assert.Equal(SeizureOutcome.DebtSatisfied, seizure.Outcome);
        LifecycleHarness.AssertMoneyConserved(seizure);
    }

    [Fact]
    public async Task Two_seizures_at_two_exchanges_never_collect_the_same_debt_twice()
    {
        await using var h = await StartAsync();
        await h.AddTaxpayerAsync("T-1", 5_000_000);
        await h.AddAccountAsync("A-1", new SimHolding("KRW", 3_000_000m, 0));
        await h.AddAccountAsync(h.OtherExchange, "B-1", new SimHolding("KRW", 10_000_000m, 0));
        var first = await h.OpenAsync("T-1", "A-1");
        var second = await h.OpenAsync("T-1", "B-1", h.OtherExchange);

        await h.RunUntilClosedAsync();

        var (a, b) = (await h.GetAsync(first), await h.GetAsync(second));
        Assert.Equal(5_000_000, a.Collected + b.Collected);
        Assert.Equal(5_000_000, a.Applied + b.Applied);
        Assert.Equal(0, a.Refunded + b.Refunded);
        Assert.Equal(0, (await h.TaxpayerAsync("T-1")).Outstanding);
        LifecycleHarness.AssertMoneyConserved(a);
        LifecycleHarness.AssertMoneyConserved(b);
        await h.AssertNothingDoneTwiceAsync(h.Exchange, h.OtherExchange);
    }

    [Fact]
    public async Task Money_a_seizure_collects_is_news_to_its_sibling_and_not_to_itself()
    {
        await using var h = await StartAsync();
        await h.AddTaxpayerAsync("T-1", 5_000_000);
        await h.AddAccountAsync(h.OtherExchange, "B-1", s_oneBitcoin);
        await h.AddAccountAsync("A-1", new SimHolding("KRW", 3_000_000m, 0));
        var sibling = await h.OpenAsync("T-1", "B-1", h.OtherExchange);
        var collecting = await h.OpenAsync("T-1", "A-1");
        await h.SettleAsync();

        // The clock stands still, so no review reminder has come due and been cleared yet.
        Assert.Equal(3_000_000, (await h.GetAsync(collecting)).Held);
        Assert.Equal(1, await h.ReviewRemindersAsync(sibling));
        Assert.Equal(0, await h.ReviewRemindersAsync(collecting));
    }

    [Fact]
    public async Task A_sibling_waits_for_the_money_of_a_sale_in_progress_and_collects_what_that_sale_falls_short_by()
    {
        await using var h = await StartAsync();
        await h.AddTaxpayerAsync("T-1", 10_000_000);
        await h.AddAccountAsync("A-1", s_oneBitcoin);
        await h.AddAccountAsync(h.OtherExchange, "B-1", s_oneBitcoin);

        // The first exchange takes its time and keeps half of every sale: that sale falls short of what it counted on.
        await h.SetFaultsAsync(new FaultOptions { MinProcessingMs = 1_500, MaxProcessingMs = 1_500, FeeRate = 0.5m });
        var first = await h.OpenAsync("T-1", "A-1");
        var second = await h.OpenAsync("T-1", "B-1", h.OtherExchange);
        await h.Driver.RunAsync(TimeSpan.FromDays(10), TimeSpan.FromHours(6), supervisor: null, async () =>
            (await h.GetAsync(first)).Status == SeizureStatus.AwaitingSaleApproval && (await h.GetAsync(second)).Status == SeizureStatus.AwaitingSaleApproval, CancellationToken.None);

        // Both sales approved while the first is still at its exchange: the second neither sells nor is released on that promise.
        await h.Grains.GetGrain<ISeizureGrain>(first).ApproveSaleAsync(LifecycleHarness.Supervisor);
        var waiting = await h.Grains.GetGrain<ISeizureGrain>(second).ApproveSaleAsync(LifecycleHarness.Supervisor);
        Assert.Equal(SeizureStatus.SaleApproved, waiting.Status);
        Assert.DoesNotContain((await h.HistoryAsync(second)).Select(e => e.Event), e => e is ExchangeRequestIssued { Request.Kind: ExchangeRequestKind.Release or ExchangeRequestKind.Sell });

        await h.RunUntilClosedAsync();

        var (a, b) = (await h.GetAsync(first), await h.GetAsync(second));
        Assert.InRange(a.Collected, 1, 9_999_999);
        Assert.Equal(10_000_000, a.Applied + b.Applied);
        Assert.Equal(0, (await h.TaxpayerAsync("T-1")).Outstanding);
        LifecycleHarness.AssertMoneyConserved(a);
        LifecycleHarness.AssertMoneyConserved(b);
        await h.AssertNothingDoneTwiceAsync(h.Exchange, h.OtherExchange);
    }

    [Fact]
    public async Task The_wrong_person_s_account_is_released_untouched_on_cancellation()
    {
        await using var h = await StartAsync();
        await h.AddTaxpayerAsync("T-1", 5_000_000);
        await h.AddAccountAsync("A-1", new SimHolding("KRW", 100_000m, 0), new SimHolding("BTC", 1m, 0));

        // The exchange takes a second to freeze the account, so the cancellation is asked before anything
        // could be collected (money collected is given back: another test's case).
        await h.SetFaultsAsync(new FaultOptions { MinProcessingMs = 1_000, MaxProcessingMs = 1_000 });
        var id = await h.OpenAsync("T-1", "A-1");
        await h.Grains.GetGrain<ISeizureGrain>(id).RequestCancellationAsync("the holder is a namesake", "officer:park");
        await h.Grains.GetGrain<ISeizureGrain>(id).ApproveCancellationAsync("supervisor:lee");

        await h.RunUntilClosedAsync();

        var seizure = await h.GetAsync(id);
        Assert.Equal(SeizureOutcome.Cancelled, seizure.Outcome);
        Assert.Equal(0, seizure.Collected);
        var account = await h.Simulator.GetAccountAsync(h.Exchange, "A-1", default);
        Assert.Null(account!.FrozenFor);
        Assert.Equal("100000", account.Balances.Single(b => b.Currency == "KRW").Balance);
        Assert.Equal(5_000_000, (await h.TaxpayerAsync("T-1")).Outstanding);
    }

    [Theory]
    [AllStorages]
    public async Task A_namesake_s_money_collected_and_applied_goes_back_and_the_taxpayer_s_own_account_pays_the_whole_debt(string storage)
    {
        await using var h = await StartAsync(storage);
        await h.AddTaxpayerAsync("T-1", 5_000_000);
        await h.AddAccountAsync("A-1", new SimHolding("KRW", 3_000_000m, 0));
        await h.AddAccountAsync("A-2", s_oneBitcoin);
        var wrong = await h.OpenAsync("T-1", "A-1");
        var right = await h.OpenAsync("T-1", "A-2");

        // No supervisor yet: the namesake's won are remitted and distributed, and that case closes; the true account waits to be sold.
        await h.Driver.RunAsync(TimeSpan.FromDays(20), TimeSpan.FromHours(6), supervisor: null, async () => (await h.GetAsync(wrong)).Status == SeizureStatus.Closed, CancellationToken.None);
        Assert.Equal((SeizureOutcome.Exhausted, 3_000_000L), ((await h.GetAsync(wrong)).Outcome, (await h.GetAsync(wrong)).Applied));
        Assert.Equal(2_000_000, (await h.TaxpayerAsync("T-1")).Outstanding);

        // The holder of A-1 proves to be a namesake: asked by one person, approved by another.
        var seizure = h.Grains.GetGrain<ISeizureGrain>(wrong);
        await seizure.RequestCancellationAsync("the holder of A-1 is a namesake born the same day", "officer:park");
        await Assert.ThrowsAsync<CommandRejectedException>(() => seizure.ApproveCancellationAsync("officer:park"));
        await seizure.ApproveCancellationAsync(LifecycleHarness.Supervisor);

        var corrected = await h.GetAsync(wrong);
        Assert.Equal(SeizureOutcome.Cancelled, corrected.Outcome);
        Assert.Equal((3_000_000L, 0L, 3_000_000L, 3_000_000L), (corrected.Collected, corrected.Applied, corrected.Refunded, corrected.ReturnedToHolder));
        LifecycleHarness.AssertMoneyConserved(corrected);
        var ledger = await h.TaxpayerAsync("T-1");
        Assert.Equal((5_000_000L, 3_000_000L), (ledger.Outstanding, ledger.TotalReturned));
        Assert.Equal(ledger.TotalReceived, ledger.Items.Sum(i => i.CostsPaid + i.PrincipalPaid + i.PenaltyPaid) + ledger.TotalRefundDue + ledger.TotalReturned);

        var history = await h.HistoryAsync(wrong);
        var refund = Assert.Single(history, e => e.Event.Document?.Kind == SeizureDocumentKind.RefundNotice);
        var notice = Tracking.Grains.Documents.SeizureDocumentRenderer.Render(new CaseDetail(corrected, history), ledger, refund.Event.Document!.DocumentId, "Test office");
        Assert.Contains("압류금 반환통지서", notice);
        Assert.Contains("3,000,000원", notice);

        // The true account now pays the whole debt.
        await h.RunUntilClosedAsync();
        var paid = await h.GetAsync(right);
        Assert.Equal((SeizureOutcome.DebtSatisfied, 5_000_000L), (paid.Outcome, paid.Applied));
        LifecycleHarness.AssertMoneyConserved(paid);
        Assert.Equal(0, (await h.TaxpayerAsync("T-1")).Outstanding);
        await h.AssertNothingDoneTwiceAsync();
        await h.AssertHistoriesAsStoredAsync(wrong, "T-1");
    }

    [Fact]
    public async Task Money_the_ledger_gave_back_before_a_crash_is_taken_back_once_when_the_seizure_records_it_after_the_restart()
    {
        await using var h = await StartAsync();
        var id = await ClosedAfterPayingWithANamesakesMoneyAsync(h);
        await h.Grains.GetGrain<ISeizureGrain>(id).RequestCancellationAsync("namesake", "officer:park");

        // The ledger's side of the return is done, then the silo dies before the seizure records it.
        var transfer = (await h.HistoryAsync(id)).Select(e => e.Event).OfType<ProceedsReceived>().Single().TransferReference;
        var first = await h.Grains.GetGrain<ITaxpayerGrain>("T-1").ReturnProceedsAsync(id, ProceedsReference.Of(id, transfer));
        Assert.Equal(new ProceedsReturn(3_000_000, 0), first);
        await h.RestartAsync();

        await h.Grains.GetGrain<ISeizureGrain>(id).ApproveCancellationAsync(LifecycleHarness.Supervisor);

        var seizure = await h.GetAsync(id);
        Assert.Equal((SeizureOutcome.Cancelled, 3_000_000L), (seizure.Outcome, seizure.ReturnedToHolder));
        LifecycleHarness.AssertMoneyConserved(seizure);
        var ledger = await h.TaxpayerAsync("T-1");
        Assert.Equal((5_000_000L, 3_000_000L), (ledger.Outstanding, ledger.TotalReturned));
        Assert.Single((await h.Grains.GetGrain<ITaxpayerGrain>("T-1").GetHistoryAsync()).Select(e => e.Event).OfType<PaymentReversed>());
    }

    [Fact]
    public async Task A_return_the_ledger_failed_to_take_is_finished_by_the_seizure_s_own_reminder()
    {
        var storeDown = new FailingOnce(nameof(ITaxpayerGrain.ReturnProceedsAsync));
        await using var h = await StartAsync(services: s => s.AddSingleton<IIncomingGrainCallFilter>(storeDown));
        var id = await ClosedAfterPayingWithANamesakesMoneyAsync(h);
        var seizure = h.Grains.GetGrain<ISeizureGrain>(id);
        await seizure.RequestCancellationAsync("namesake", "officer:park");

        // The ledger's store is out of reach when the seizure gives the money back.
        storeDown.Arm();
        await Assert.ThrowsAnyAsync<Exception>(() => seizure.ApproveCancellationAsync(LifecycleHarness.Supervisor));
        Assert.False(storeDown.Armed);

        var cancelled = await h.GetAsync(id);
        Assert.Equal((SeizureStatus.Cancelled, 0L), (cancelled.Status, cancelled.ReturnedToHolder));
        Assert.Equal(2_000_000, (await h.TaxpayerAsync("T-1")).Outstanding);

        // Nobody calls again: time passes, and the seizure's reminder gives the money back.
        await h.Driver.RunAsync(TimeSpan.FromDays(1), TimeSpan.FromHours(1), supervisor: null, async () => (await h.GetAsync(id)).Status == SeizureStatus.Closed, CancellationToken.None);

        var corrected = await h.GetAsync(id);
        Assert.Equal((SeizureOutcome.Cancelled, 3_000_000L), (corrected.Outcome, corrected.ReturnedToHolder));
        LifecycleHarness.AssertMoneyConserved(corrected);
        Assert.Equal(5_000_000, (await h.TaxpayerAsync("T-1")).Outstanding);
        Assert.Single((await h.Grains.GetGrain<ITaxpayerGrain>("T-1").GetHistoryAsync()).Select(e => e.Event).OfType<PaymentReversed>());
    }

    [Fact]
    public async Task A_taxpayer_that_could_not_be_told_of_its_seizure_s_close_is_told_later_and_the_seizure_s_reminder_stays_until_then()
    {
        var storeDown = new FailingOnce(nameof(ITaxpayerGrain.DetachSeizureAsync));
        await using var h = await StartAsync(services: s => s.AddSingleton<IIncomingGrainCallFilter>(storeDown));
        await h.AddTaxpayerAsync("T-1", 2_000_000, 300_000, 10_000);
        await h.AddAccountAsync("A-1", s_oneBitcoin);
        var id = await h.OpenAsync("T-1", "A-1");
        await h.SettleAsync();

        // Paid in full while the exchange refuses every request: the release the payment calls for waits.
        await h.SetFaultsAsync(new FaultOptions { ErrorRate = 1 });
        await h.PayAsync("T-1", "BANK-1", 2_310_000);
        await h.SettleAsync();
        Assert.NotEqual(SeizureStatus.Closed, (await h.GetAsync(id)).Status);

        // The ledger's store is out of reach for the first word of the close to it. Then the exchange
        // answers again; nobody calls after that.
        storeDown.Arm();
        await h.SetFaultsAsync(new FaultOptions());
        await h.Driver.RunAsync(TimeSpan.FromDays(3), TimeSpan.FromHours(1), supervisor: null, async () => (await h.GetAsync(id)).Status == SeizureStatus.Closed, CancellationToken.None);
        Assert.Equal(SeizureStatus.Closed, (await h.GetAsync(id)).Status);

        // The closed seizure's next turn or its own reminder tells the taxpayer, and only then is the reminder gone.
        await h.Driver.RunAsync(TimeSpan.FromDays(1), TimeSpan.FromMinutes(10), supervisor: null, async () => (await h.TaxpayerAsync("T-1")).OpenSeizures.Count == 0, CancellationToken.None);

        Assert.False(storeDown.Armed);
        Assert.Empty((await h.TaxpayerAsync("T-1")).OpenSeizures);
        Assert.Single((await h.Grains.GetGrain<ITaxpayerGrain>("T-1").GetHistoryAsync()).Select(e => e.Event).OfType<SeizureDetached>());
        Assert.Equal(0, await h.RemindersAsync(id));

        // Opening the automatic matches again finds the case closed, and the taxpayer does not count it open again.
        var again = await h.Grains.GetGrain<ISeizureGrain>(id).OpenAsync("T-1", h.Exchange, "A-1", Domain.Seizures.Said.Typed("test match"), "officer:kim");
        Assert.False(again.New);
        Assert.Equal(SeizureStatus.Closed, again.Seizure.Status);
        Assert.Empty((await h.TaxpayerAsync("T-1")).OpenSeizures);
        Assert.Single((await h.Grains.GetGrain<ITaxpayerGrain>("T-1").GetHistoryAsync()).Select(e => e.Event).OfType<SeizureAttached>());
    }

    [Fact]
    public async Task A_ledger_stored_before_payments_kept_their_allocations_is_rebuilt_from_its_history_and_still_counts_a_payment_once()
    {
        await using var h = await StartAsync();
        await h.AddTaxpayerAsync("T-1", 1_000_000);
        await h.PayAsync("T-1", "BANK-1", 400_000);

        // The ledger as an earlier version stored it: payment references only.
        var key = new Storage.GrainKey(TaxpayerGrain.TypeName, "T-1");
        var stored = (await h.Context.States.ReadAsync(key, CancellationToken.None))!;
        var older = System.Text.Json.Nodes.JsonNode.Parse(stored.Json!)!.AsObject();
        Assert.True(older.Remove("Payments") || older.Remove("payments"), stored.Json);
        older["PaymentReferences"] = new System.Text.Json.Nodes.JsonArray("BANK-1");
        await h.Context.States.WriteAsync(new Storage.Persistence.StateWrite(key, stored.Version, older.ToJsonString(), [], DateTimeOffset.UtcNow), CancellationToken.None);
        await h.RestartAsync();

        var again = await h.PayAsync("T-1", "BANK-1", 400_000);
        Assert.True(again.Duplicate);
        Assert.Equal(400_000, again.Allocations.Sum(a => a.Amount));
        Assert.Equal(600_000, (await h.TaxpayerAsync("T-1")).Outstanding);
    }

    [Fact]
    public async Task A_closed_account_is_rejected_and_the_taxpayer_can_still_be_seized_elsewhere()
    {
        await using var h = await StartAsync();
        await h.AddTaxpayerAsync("T-1", 1_000_000);
        await h.Simulator.PutAccountsAsync(h.Exchange, [new SimAccountLoad("A-1", [new SimHolding("KRW", 5_000_000m, 0)], Closed: true)], default);
        var id = await h.OpenAsync("T-1", "A-1");

        await h.RunUntilClosedAsync();

        var seizure = await h.GetAsync(id);
        Assert.Equal(SeizureOutcome.Rejected, seizure.Outcome);
        Assert.DoesNotContain((await h.HistoryAsync(id)).Select(e => e.Event), e => e is ExchangeRequestIssued { Request.Kind: ExchangeRequestKind.Release });
        Assert.Empty((await h.TaxpayerAsync("T-1")).OpenSeizures);
    }

    /// <summary>T-1 owes 5,000,000원; a namesake's account A-1 paid 3,000,000원 of it, and its case closed.</summary>
    private static async Task<string> ClosedAfterPayingWithANamesakesMoneyAsync(LifecycleHarness h)
    {
        await h.AddTaxpayerAsync("T-1", 5_000_000);
        await h.AddAccountAsync("A-1", new SimHolding("KRW", 3_000_000m, 0));
        var id = await h.OpenAsync("T-1", "A-1");
        await h.Driver.RunAsync(TimeSpan.FromDays(5), TimeSpan.FromHours(6), supervisor: null, async () => (await h.GetAsync(id)).Status == SeizureStatus.Closed, CancellationToken.None);
        Assert.Equal(2_000_000, (await h.TaxpayerAsync("T-1")).Outstanding);
        return id;
    }

    /// <summary>Once armed, the next call of one taxpayer method fails as a store out of reach makes it fail, before the grain sees it.</summary>
    private sealed class FailingOnce(string method) : IIncomingGrainCallFilter
    {
        private int _armed;

        public bool Armed => Volatile.Read(ref _armed) == 1;

        public void Arm() => Volatile.Write(ref _armed, 1);

        public Task Invoke(IIncomingGrainCallContext context) =>
            context.InterfaceMethod?.Name == method && Interlocked.Exchange(ref _armed, 0) == 1
                ? throw new Storage.Persistence.StorageUnavailableException("the store is out of reach (a test's failure)")
                : context.Invoke();
    }

    private async Task<LifecycleHarness> StartAsync(string storage = TestStorage.Sqlite, Action<IServiceCollection>? services = null)
    {
        var harness = await LifecycleHarness.StartAsync(fixture.Simulator, storage, services: services);
        await harness.SetPricesAsync(("BTC", 100_000_000m), ("ETH", 5_000_000m), ("XRP", 3_000m));
        return harness;
    }

    private static ExchangeRequest SaleOf(IReadOnlyList<SeizureHistoryEntry> history) =>
        history.Select(e => e.Event).OfType<ExchangeRequestIssued>().Select(e => e.Request).Single(r => r.Kind == ExchangeRequestKind.Sell);
}
