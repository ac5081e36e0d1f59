using Tracking.Domain.Accounts;
using Tracking.Domain.Seizures;

namespace Tracking.Domain.Tests.Seizures;

public sealed class SeizureDeciderTests
{
    private static readonly TimeSpan s_day = TimeSpan.FromDays(1);

    [Fact]
    public void Opening_issues_the_notice_to_the_exchange_by_the_officer()
    {
        var run = new SeizureRun(1_000_000).Opened();

        Assert.Equal(SeizureStatus.NoticeSent, run.State.Status);
        var issued = Assert.IsType<ExchangeRequestIssued>(run.History[1]);
        Assert.Equal(ExchangeRequestKind.SeizureNotice, issued.Request.Kind);
        Assert.Equal("S-1#i1.1", issued.Request.RequestId);
        Assert.Equal("officer:kim", issued.Actor);
        Assert.Equal(SeizureDocumentKind.ExchangeNotice, issued.Document?.Kind);
        Assert.All(run.History, e => Assert.Equal(SeizureRun.Start, e.At));
    }

    [Fact]
    public void Opening_twice_changes_nothing_and_another_account_under_the_same_id_is_refused()
    {
        var run = new SeizureRun(1_000_000).Opened();

        Assert.Empty(run.Do(new SeizureCommand.Open("S-1", "T-1", "upbit", "UP-1", "auto: rrn", "i1")).Events);
        Assert.NotNull(run.Do(new SeizureCommand.Open("S-1", "T-1", "upbit", "UP-2", "auto: rrn", "i1")).Rejection);
    }

    [Fact]
    public void A_taxpayer_who_owes_nothing_is_not_seized()
    {
        var decision = new SeizureRun(0).Do(new SeizureCommand.Open("S-1", "T-1", "upbit", "UP-1", "auto", "i1"));

        Assert.Contains("owes nothing", decision.Rejection);
    }

    [Fact]
    public void The_acknowledgement_makes_the_seizure_effective_with_its_record_and_the_notice_to_the_taxpayer()
    {
        var run = new SeizureRun(50_000_000).Opened();

        run.Freeze(new Holding("BTC", 1m, 0));

        Assert.True(run.State.Frozen);
        var effect = Assert.Single(run.History.OfType<SeizureTookEffect>());
        Assert.Equal(100_000_000, effect.Valuation);
        Assert.Equal(
            [SeizureDocumentKind.ExchangeNotice, SeizureDocumentKind.SeizureRecord, SeizureDocumentKind.TaxpayerNotice, SeizureDocumentKind.SaleWarning],
            run.History.Where(e => e.Document is not null).Select(e => e.Document!.Kind));
        Assert.Equal(SeizureStatus.SaleWarned, run.State.Status);
        Assert.Equal(SeizureRun.Start + SeizurePolicy.Default.SaleWarningPeriod, run.State.NextDeadline);
        Assert.Equal("exchange:upbit", effect.Actor);
        Assert.All(run.History.OfType<DocumentIssued>(), d => Assert.Equal(SeizureContext.SystemActor, d.Actor));
    }

    [Fact]
    public void Full_voluntary_payment_after_the_notice_releases_the_account_without_collecting()
    {
        var run = new SeizureRun(3_000_000).Opened();
        run.Freeze(new Holding("BTC", 1m, 0));

        run.Outstanding = 0;
        run.Do(new SeizureCommand.Review());
        Assert.Equal(ExchangeRequestKind.Release, run.Pending.Kind);
        run.Release();

        Assert.Equal(SeizureStatus.Closed, run.State.Status);
        Assert.Equal(SeizureOutcome.DebtSatisfied, run.State.Outcome);
        Assert.Equal(0, run.State.Collected);
        Assert.DoesNotContain(run.History.OfType<ExchangeRequestIssued>(), e => e.Request.Kind == ExchangeRequestKind.Sell);

        // The release is told to the exchange and to the taxpayer: two documents, each of its own kind.
        Assert.Equal(
            [SeizureDocumentKind.ReleaseNotice, SeizureDocumentKind.ReleaseRecord, SeizureDocumentKind.TaxpayerReleaseNotice],
            run.History.Where(e => e.Document is not null).Select(e => e.Document!.Kind).Skip(4));
    }

    [Fact]
    public void Krw_is_collected_directly_only_up_to_the_debt_and_the_rest_released()
    {
        var run = new SeizureRun(700_000).Opened();
        run.Freeze(new Holding("KRW", 1_000_000m, 0));

        Assert.Equal(ExchangeRequestKind.RemitKrw, run.Pending.Kind);
        Assert.Equal(700_000, run.Pending.Amount);
        run.Remit();
        Assert.Equal(SeizureStatus.ReleaseRequested, run.State.Status);
        run.Release();
        Assert.Equal(SeizureStatus.Released, run.State.Status);

        run.Pass(s_day);

        Assert.Equal(SeizureStatus.Closed, run.State.Status);
        Assert.Equal(SeizureOutcome.DebtSatisfied, run.State.Outcome);
        Assert.Equal((700_000, 700_000, 0), (run.State.Collected, run.State.Applied, run.State.Refunded));
        Assert.Equal(0, run.Outstanding);
    }

    [Fact]
    public void A_debt_covered_only_by_another_seizure_s_sale_in_progress_releases_nothing_until_that_money_is_in_hand()
    {
        var run = new SeizureRun(3_000_000) { CollectingElsewhere = 3_000_000 }.Opened();
        Assert.Equal(3_000_000, run.State.DebtAtOpening);
        run.Freeze(new Holding("BTC", 1m, 0));
        run.Pass(TimeSpan.FromDays(8));

        // Nothing is collected twice, and nothing is released on a promise: the seizure waits.
        Assert.Empty(run.State.Pending);
        Assert.Equal(SeizureStatus.Seized, run.State.Status);

        // The other sale brought the money: the debt is paid, so release is mandatory.
        (run.Outstanding, run.CollectingElsewhere) = (0, 0);
        run.Do(new SeizureCommand.Review());
        Assert.Equal(ExchangeRequestKind.Release, run.Pending.Kind);
    }

    [Fact]
    public void A_debt_another_seizure_s_sale_falls_short_of_is_collected_here_for_what_is_missing()
    {
        var run = new SeizureRun(3_000_000) { CollectingElsewhere = 3_000_000 }.Opened();
        run.Freeze(new Holding("KRW", 5_000_000m, 0));
        Assert.Empty(run.State.Pending);

        // The other sale brought 2,200,000 of the 3,000,000 it counted on (applied at its distribution).
        (run.Outstanding, run.CollectingElsewhere) = (800_000, 0);
        run.Do(new SeizureCommand.Review());
        Assert.Equal((ExchangeRequestKind.RemitKrw, 800_000L), (run.Pending.Kind, run.Pending.Amount));
        run.Remit();
        run.Release();
        run.Pass(s_day);
        run.DistributeDue();

        Assert.Equal((SeizureOutcome.DebtSatisfied, 800_000L, 0L), (run.State.Outcome!.Value, run.State.Applied, run.Outstanding));
    }

    [Fact]
    public void A_sale_waits_for_the_warning_period_and_a_supervisor_then_sells_only_what_covers_the_debt()
    {
        var run = new SeizureRun(30_000_000).Opened();
        run.Freeze(new Holding("XRP", 100_000m, 0), new Holding("BTC", 2m, 0));

        run.Pass(TimeSpan.FromDays(6));
        Assert.Equal(SeizureStatus.SaleWarned, run.State.Status);
        run.Pass(s_day);
        Assert.Equal(SeizureStatus.AwaitingSaleApproval, run.State.Status);
        Assert.Contains("supervisor", run.Do(new SeizureCommand.ApproveSale()).Rejection);
        Assert.Contains("second person", run.Do(new SeizureCommand.ApproveSale(), "officer:kim").Rejection);

        run.Do(new SeizureCommand.ApproveSale(), "supervisor:lee");

        var sale = run.Pending;
        Assert.Equal(ExchangeRequestKind.Sell, sale.Kind);
        var order = Assert.Single(sale.Orders);
        Assert.Equal("BTC", order.Asset);
        Assert.InRange(order.Quantity * 100_000_000m, 30_000_000m, 31_000_000m);
        run.Sell();
        Assert.Equal(ExchangeRequestKind.RemitKrw, run.Pending.Kind);
        Assert.Equal(30_000_000, run.Pending.Amount);
        run.Remit();
        run.Release();
        run.Pass(s_day);

        Assert.Equal(SeizureOutcome.DebtSatisfied, run.State.Outcome);
        Assert.Equal(30_000_000, run.State.Applied);
        Assert.Equal(100_000m, run.State.Holdings.Single(h => h.Asset == "XRP").Total);
        Assert.Equal(2m - order.Quantity, run.State.Holdings.Single(h => h.Asset == "BTC").Total);
    }

    [Fact]
    public void A_sale_of_everything_that_falls_short_claims_only_what_it_should_bring_so_other_seizures_collect_the_rest()
    {
        var run = new SeizureRun(500_000_000).Opened();
        run.Freeze(new Holding("BTC", 1m, 0), new Holding("XRP", 1_000m, 0));
        run.Pass(TimeSpan.FromDays(7));

        run.Do(new SeizureCommand.ApproveSale(), "supervisor:lee");

        Assert.Equal([new SaleOrder("BTC", 1m), new SaleOrder("XRP", 1_000m)], run.Pending.Orders);
        Assert.Equal((long)Math.Floor(103_000_000m * (1 - SeizurePolicy.Default.FeeRate)), run.Pending.Amount);
        Assert.Contains("all there is", run.History.OfType<ExchangeRequestIssued>().Last().Reason);
    }

    [Fact]
    public void A_price_drop_before_the_sale_sells_more_but_never_more_than_needed()
    {
        var before = SaleAt(new Dictionary<string, decimal> { ["BTC"] = 100_000_000m });
        var after = SaleAt(new Dictionary<string, decimal> { ["BTC"] = 80_000_000m });

        Assert.True(after > before);
        Assert.True((after - SalePlanner.QuantityStep) * 80_000_000m < 20_000_000m * (1 + SeizurePolicy.Default.SaleMargin) / (1 - SeizurePolicy.Default.FeeRate));

        static decimal SaleAt(IReadOnlyDictionary<string, decimal> prices)
        {
            var run = new SeizureRun(20_000_000).Opened();
            run.Freeze(new Holding("BTC", 1m, 0));
            run.Pass(TimeSpan.FromDays(7));
            run.Prices = prices;
            run.Do(new SeizureCommand.ApproveSale(), "supervisor:lee");
            return Assert.Single(run.Pending.Orders).Quantity;
        }
    }

    [Fact]
    public void A_sale_that_falls_short_proposes_another_after_distribution()
    {
        var run = new SeizureRun(10_000_000).Opened();
        run.Freeze(new Holding("BTC", 1m, 0));
        run.Pass(TimeSpan.FromDays(7));
        run.Do(new SeizureCommand.ApproveSale(), "supervisor:lee");

        run.Sell(at: new Dictionary<string, decimal> { ["BTC"] = 50_000_000m });
        run.Remit();
        run.Pass(s_day);

        Assert.Equal(SeizureStatus.AwaitingSaleApproval, run.State.Status);
        Assert.True(run.Outstanding > 0);
        Assert.Equal(run.State.Collected, run.State.Applied);
    }

    [Fact]
    public void Payment_while_proceeds_are_held_is_refunded_at_distribution()
    {
        var run = new SeizureRun(500_000).Opened();
        run.Freeze(new Holding("KRW", 500_000m, 0));
        run.Remit();
        run.Release();

        run.Outstanding = 200_000;
        run.Pass(s_day);

        Assert.Equal((500_000, 200_000, 300_000), (run.State.Collected, run.State.Applied, run.State.Refunded));
        Assert.Equal(SeizureStatus.Closed, run.State.Status);
    }

    [Fact]
    public void A_closed_account_is_rejected_and_closed_without_a_release()
    {
        var run = new SeizureRun(1_000_000).Opened();

        run.Reply(id => new ExchangeReply.AccountUnavailable(id, "closed on 2026-10-01"));

        Assert.Equal(SeizureOutcome.Rejected, run.State.Outcome);
        Assert.DoesNotContain(run.History.OfType<ExchangeRequestIssued>(), e => e.Request.Kind == ExchangeRequestKind.Release);
    }

    [Fact]
    public void An_empty_account_is_rejected_and_released()
    {
        var run = new SeizureRun(1_000_000).Opened();
        run.Freeze(new Holding("BTC", 0m, 0));

        Assert.Equal(ExchangeRequestKind.Release, run.Pending.Kind);
        run.Release();

        Assert.Equal(SeizureOutcome.Rejected, run.State.Outcome);
    }

    [Fact]
    public void Cancelling_for_the_wrong_person_releases_once_the_exchange_has_frozen_the_account()
    {
        var run = new SeizureRun(1_000_000).Opened();

        Assert.NotNull(run.Do(new SeizureCommand.RequestCancellation(" "), "officer:kim").Rejection);
        Assert.Contains("no cancellation awaits", run.Do(new SeizureCommand.ApproveCancellation(), "supervisor:lee").Rejection);
        run.Do(new SeizureCommand.RequestCancellation("the account holder is a namesake"), "officer:park");
        Assert.Equal(new CancellationRequest("officer:park", "the account holder is a namesake", run.Now), run.State.CancellationRequest);
        Assert.Empty(run.Do(new SeizureCommand.RequestCancellation("again"), "officer:park").Events);

        // Four eyes: neither the one who asked nor the system approves it.
        Assert.Contains("second person", run.Do(new SeizureCommand.ApproveCancellation(), "officer:park").Rejection);
        Assert.Contains("second person", run.Do(new SeizureCommand.ApproveCancellation()).Rejection);
        run.Do(new SeizureCommand.ApproveCancellation(), "supervisor:lee");
        Assert.Equal(ExchangeRequestKind.SeizureNotice, run.Pending.Kind);
        run.Freeze(new Holding("BTC", 1m, 0));
        Assert.Equal(ExchangeRequestKind.Release, run.Pending.Kind);
        run.Release();

        Assert.Equal(SeizureOutcome.Cancelled, run.State.Outcome);
        Assert.Equal(0, run.State.Collected);
        Assert.Null(run.State.CancellationRequest);
        Assert.Contains(run.History.OfType<CancellationRequested>(), e => e.Actor == "officer:park" && e.Reason.Contains("namesake"));
        Assert.Contains(run.History.OfType<SeizureCancelled>(), e => e.Actor == "supervisor:lee" && e.Reason.Contains("officer:park") && e.Reason.Contains("namesake"));
    }

    [Fact]
    public void Nothing_is_collected_while_a_cancellation_awaits_approval()
    {
        var run = new SeizureRun(1_000_000).Opened();
        run.Do(new SeizureCommand.RequestCancellation("may be a namesake"), "officer:park");
        run.Freeze(new Holding("KRW", 500_000m, 0));

        Assert.Empty(run.State.Pending);
        Assert.Equal(SeizureStatus.Seized, run.State.Status);
        run.Do(new SeizureCommand.ApproveCancellation(), "supervisor:lee");
        Assert.Equal(ExchangeRequestKind.Release, run.Pending.Kind);
    }

    [Fact]
    public void Cancelling_after_the_money_was_distributed_gives_it_back_and_the_debt_it_paid_is_owed_again()
    {
        var run = new SeizureRun(1_000_000).Opened();
        run.Freeze(new Holding("KRW", 400_000m, 0), new Holding("BTC", 1m, 0));
        run.Remit();
        run.Pass(SeizurePolicy.Default.DistributionDelay);
        Assert.Equal(600_000, run.Outstanding);
        Assert.Equal(400_000, run.State.Applied);

        run.Do(new SeizureCommand.RequestCancellation("the holder is a namesake"), "officer:park");
        Assert.Contains("second person", run.Do(new SeizureCommand.ApproveCancellation(), "officer:park").Rejection);
        var approval = run.Do(new SeizureCommand.ApproveCancellation(), "supervisor:lee");

        var cancelled = Assert.Single(approval.Events.OfType<SeizureCancelled>());
        Assert.Contains("400,000 won collected goes back", cancelled.Reason);
        Assert.Equal(ExchangeRequestKind.Release, run.Pending.Kind);
        Assert.Equal(run.Now, run.State.NextDeadline);
        Assert.Equal(400_000, run.State.ReturnDue!.Amount);

        // The account is released before the money is back: the case stays open for the return.
        run.Release();
        Assert.False(run.State.IsClosed);

        run.ReturnDue();
        var returned = Assert.Single(run.History.OfType<ProceedsReturned>());
        Assert.Equal((400_000L, 400_000L), (returned.ToHolder, returned.TakenBack));
        Assert.Equal(SeizureDocumentKind.RefundNotice, returned.Document!.Kind);
        Assert.Equal(1_000_000, run.Outstanding);

        run.Do(new SeizureCommand.Review());
        Assert.Equal(SeizureOutcome.Cancelled, run.State.Outcome);
        Assert.Equal((400_000L, 0L, 400_000L, 0L), (run.State.Collected, run.State.Applied, run.State.Refunded, run.State.Held));
        Assert.Equal(400_000, run.State.ReturnedToHolder);
    }

    [Fact]
    public void Money_held_when_the_seizure_is_cancelled_is_never_distributed_but_returned_in_full()
    {
        var run = new SeizureRun(1_000_000).Opened();
        run.Freeze(new Holding("KRW", 250_000m, 0));
        run.Remit();
        run.Cancel();
        run.Release();

        run.Now += SeizurePolicy.Default.DistributionDelay;
        Assert.Null(run.State.DistributionDueAt(run.Now));
        run.ReturnDue();
        run.Do(new SeizureCommand.Review());

        var returned = Assert.Single(run.History.OfType<ProceedsReturned>());
        Assert.Equal((250_000L, 0L), (returned.ToHolder, returned.TakenBack));
        Assert.Empty(run.History.OfType<ProceedsDistributed>());
        Assert.Equal(1_000_000, run.Outstanding);
        Assert.Equal(SeizureOutcome.Cancelled, run.State.Outcome);
        Assert.Equal(run.State.Collected, run.State.Refunded);
    }

    [Fact]
    public void The_excess_refunded_to_the_taxpayer_goes_back_to_the_account_holder_too_when_an_overpaying_seizure_is_cancelled()
    {
        var run = new SeizureRun(300_000).Opened();
        run.Freeze(new Holding("KRW", 300_000m, 0));
        run.Remit();
        run.Outstanding = 100_000; // the taxpayer paid 200,000 won meanwhile
        run.Pass(SeizurePolicy.Default.DistributionDelay);
        Assert.Equal((100_000L, 200_000L), (run.State.Applied, run.State.Refunded));

        run.Cancel();
        run.Release();
        run.ReturnDue();

        var returned = Assert.Single(run.History.OfType<ProceedsReturned>());
        Assert.Equal((300_000L, 100_000L), (returned.ToHolder, returned.TakenBack));
        Assert.Equal(100_000, run.Outstanding);
        Assert.Equal(300_000, run.State.ReturnedToHolder);
    }

    [Fact]
    public void A_closed_case_whose_money_paid_the_debt_is_corrected_by_its_cancellation_and_closes_again()
    {
        var run = new SeizureRun(300_000).Opened();
        run.Freeze(new Holding("KRW", 300_000m, 0));
        run.Remit();
        run.Pass(SeizurePolicy.Default.DistributionDelay);
        run.Release();
        Assert.Equal(SeizureOutcome.DebtSatisfied, run.State.Outcome);
        Assert.Equal(0, run.Outstanding);

        run.Do(new SeizureCommand.RequestCancellation("the true owner complained: a namesake"), "officer:park");
        Assert.Equal(SeizureStatus.Closed, run.State.Status);
        var closedAt = run.State.ClosedAt;
        run.Do(new SeizureCommand.ApproveCancellation(), "supervisor:lee");
        Assert.Equal((SeizureStatus.Cancelled, (SeizureOutcome?)null), (run.State.Status, run.State.Outcome));
        Assert.Empty(run.State.Pending); // released already: nothing to ask of the exchange

        run.Pass(TimeSpan.FromHours(1));
        Assert.Equal(SeizureOutcome.Cancelled, run.State.Outcome);
        Assert.Equal(closedAt, run.State.ClosedAt); // its lead time is the office's, not the correction's
        Assert.Equal(300_000, run.Outstanding);
        Assert.Equal(300_000, run.State.ReturnedToHolder);

        // Corrected once: nothing is left to cancel.
        Assert.Contains("nothing to correct", run.Do(new SeizureCommand.RequestCancellation("again"), "officer:park").Rejection);
    }

    [Fact]
    public void A_closed_case_that_collected_nothing_cannot_be_cancelled()
    {
        var run = new SeizureRun(300_000).Opened();
        run.Freeze(new Holding("BTC", 0m, 0));
        Assert.Equal(ExchangeRequestKind.Release, run.Pending.Kind);
        run.Release();
        Assert.True(run.State.IsClosed);

        Assert.Contains("nothing to correct", run.Do(new SeizureCommand.RequestCancellation("namesake"), "officer:park").Rejection);
    }

    [Fact]
    public void A_cancellation_is_approved_only_once_the_money_being_collected_has_arrived()
    {
        var run = new SeizureRun(1_000_000).Opened();
        run.Freeze(new Holding("KRW", 10_000m, 0));
        Assert.Equal(ExchangeRequestKind.RemitKrw, run.Pending.Kind);

        Assert.False(run.Do(new SeizureCommand.RequestCancellation("namesake"), "officer:park").IsRejected);
        Assert.Contains("once the exchange has answered", run.Do(new SeizureCommand.ApproveCancellation(), "supervisor:lee").Rejection);
        run.Remit();
        Assert.False(run.Do(new SeizureCommand.ApproveCancellation(), "supervisor:lee").IsRejected);
        Assert.NotNull(run.State.ReturnDue);
    }

    [Fact]
    public void A_return_must_match_the_money_received_and_counts_once()
    {
        var run = new SeizureRun(1_000_000).Opened();
        run.Freeze(new Holding("KRW", 10_000m, 0));
        run.Remit();
        var reference = run.State.Receipts.Single().TransferReference;
        Assert.Contains("only a cancelled seizure", run.Do(new SeizureCommand.RecordReturn(reference, 0, 0)).Rejection);

        run.Cancel();
        Assert.NotNull(run.Do(new SeizureCommand.RecordReturn(reference, 9_000, 0)).Rejection);
        Assert.NotNull(run.Do(new SeizureCommand.RecordReturn(reference, -1, 1)).Rejection);
        Assert.NotNull(run.Do(new SeizureCommand.RecordReturn("TR-unknown", 0, 0)).Rejection);

        // Applied by the ledger though never recorded here (a crash came between): taken back as applied, all of it returned.
        Assert.Single(run.Do(new SeizureCommand.RecordReturn(reference, 7_000, 3_000)).Events.OfType<ProceedsReturned>(), e => e.ToHolder == 10_000 && e.TakenBack == 7_000);
        Assert.Empty(run.Do(new SeizureCommand.RecordReturn(reference, 0, 0)).Events);
    }

    [Fact]
    public void A_repeated_or_stray_answer_changes_nothing_and_a_mismatched_one_is_refused()
    {
        var run = new SeizureRun(1_000_000).Opened();
        var notice = run.Pending.RequestId;
        run.Freeze(new Holding("KRW", 10_000m, 0), new Holding("BTC", 1m, 0));

        Assert.Empty(run.Do(new SeizureCommand.RecordReply(new ExchangeReply.Frozen(notice, [new Holding("BTC", 9m, 0)]))).Events);
        Assert.Empty(run.Do(new SeizureCommand.RecordReply(new ExchangeReply.Released("S-9#i1.1"))).Events);
        Assert.NotNull(run.Do(new SeizureCommand.RecordReply(new ExchangeReply.Released(run.Pending.RequestId))).Rejection);
        Assert.Equal(1m, run.State.Holdings.Single(h => h.Asset == "BTC").Total);
    }

    [Fact]
    public void A_distribution_must_account_for_every_won_received()
    {
        var run = new SeizureRun(1_000_000).Opened();
        run.Freeze(new Holding("KRW", 10_000m, 0));
        run.Remit();

        var reference = run.State.Receipts.Single().TransferReference;
        Assert.NotNull(run.Do(new SeizureCommand.RecordDistribution(reference, 9_000, 0)).Rejection);
        Assert.NotNull(run.Do(new SeizureCommand.RecordDistribution("TR-unknown", 10_000, 0)).Rejection);
    }

    [Fact]
    public void A_policy_beyond_the_legal_distribution_window_is_refused()
    {
        Assert.NotNull((SeizurePolicy.Default with { DistributionDelay = TimeSpan.FromDays(31) }).Problem());
        Assert.Null(SeizurePolicy.Default.Problem());
    }

    [Fact]
    public void A_cancellation_reason_longer_than_the_history_keeps_is_refused()
    {
        var run = new SeizureRun(1_000_000).Opened();

        Assert.Contains("at most 2,000", run.Do(new SeizureCommand.RequestCancellation(new string('x', TextLimits.Reason + 1)), "officer:park").Rejection);
        Assert.False(run.Do(new SeizureCommand.RequestCancellation(new string('x', TextLimits.Reason)), "officer:park").IsRejected);
    }

    [Theory]
    [InlineData("KRW", "71000000000000", "0")]
    [InlineData("BTC", "1000000000000001", "0")]
    [InlineData("BTC", "-1", "0")]
    [InlineData("BTC", "1", "2")]
    public void A_freeze_reporting_impossible_or_unbelievable_holdings_is_refused_and_changes_nothing(string asset, string total, string locked)
    {
        var run = new SeizureRun(1_000_000).Opened();
        var before = run.State;

        var decision = run.Freeze(new Holding(asset, decimal.Parse(total, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(locked, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.NotNull(decision.Rejection);
        Assert.Equal(before, run.State);
    }

    [Fact]
    public void Sales_and_remittances_beyond_what_a_ledger_holds_or_with_a_fee_above_the_sale_are_refused()
    {
        var run = new SeizureRun(1_000_000).Opened();
        run.Freeze(new Holding("BTC", 1m, 0));
        run.Pass(SeizurePolicy.Default.SaleWarningPeriod);
        run.Do(new SeizureCommand.ApproveSale(), "supervisor:lee");

        Assert.NotNull(run.Reply(id => new ExchangeReply.Sold(id, [new SaleFill("BTC", 1m, 1m, long.MaxValue, 0)])).Rejection);
        Assert.NotNull(run.Reply(id => new ExchangeReply.Sold(id, [new SaleFill("BTC", 1m, 1m, 1_000, 2_000)])).Rejection);
        Assert.NotNull(run.Reply(id => new ExchangeReply.Sold(id, [new SaleFill("BTC", 1m, 1m, Won.Max, 0), new SaleFill("BTC", 1m, 1m, Won.Max, 0)])).Rejection);
        Assert.False(run.Sell().IsRejected);
        Assert.NotNull(run.Reply(id => new ExchangeReply.Remitted(id, Won.Max + 1, "TR")).Rejection);
        Assert.NotNull(run.Reply(id => new ExchangeReply.Remitted(id, 1, new string('T', 101))).Rejection);
        Assert.False(run.Remit().IsRejected);
    }
}
