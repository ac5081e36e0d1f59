using Tracking.Domain.Ledger;
using Tracking.Domain.Matching;

namespace Tracking.Domain.Tests;

public sealed class TaxpayerDeciderTests
{
    private static readonly DateTimeOffset s_at = new(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(9));
    private static readonly TaxItem s_item = new("2025-001", "재산세", new DateOnly(2025, 9, 30), 300_000, 30_000, 10_000);
    private static readonly TaxpayerLedger s_empty = TaxpayerLedger.Empty("T-1");
    private static readonly TaxpayerLedger s_assessed = TaxpayerDecider.Apply(s_empty, new TaxItemAssessed(s_item));

    [Fact]
    public void Assessing_a_new_item_adds_it_unpaid()
    {
        var decision = TaxpayerDecider.Decide(s_empty, new TaxpayerCommand.AssessTaxItem(s_item));

        Assert.Equal([new TaxItemAssessed(s_item)], decision.Events);
        var state = TaxpayerDecider.ApplyAll(s_empty, decision.Events);
        Assert.Equal(340_000, state.Outstanding);
        Assert.Equal(10_000, state.OutstandingOf(TaxComponent.Costs));
    }

    [Fact]
    public void Assessing_the_same_item_again_changes_nothing()
    {
        var decision = TaxpayerDecider.Decide(s_assessed, new TaxpayerCommand.AssessTaxItem(s_item with { }));

        Assert.False(decision.IsRejected);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void A_different_item_under_an_existing_id_is_rejected()
    {
        var decision = TaxpayerDecider.Decide(s_assessed, new TaxpayerCommand.AssessTaxItem(s_item with { Principal = 1 }));

        Assert.Contains("2025-001", decision.Rejection);
        Assert.Empty(decision.Events);
    }

    [Theory]
    [InlineData("", 1, 0, 0, "item id is empty")]
    [InlineData("X", -1, 0, 0, "negative")]
    [InlineData("X", 0, -1, 0, "negative")]
    [InlineData("X", 0, 0, -1, "negative")]
    [InlineData("X", 0, 0, 0, "owes nothing")]
    public void Malformed_items_are_rejected_with_the_reason(string id, long principal, long penalty, long costs, string reason)
    {
        var decision = TaxpayerDecider.Decide(s_empty, new TaxpayerCommand.AssessTaxItem(s_item with { ItemId = id, Principal = principal, Penalty = penalty, Costs = costs }));

        Assert.Contains(reason, decision.Rejection);
    }

    [Fact]
    public void A_payment_is_applied_in_legal_order_and_remembered()
    {
        var decision = TaxpayerDecider.Decide(s_assessed, new TaxpayerCommand.ReceivePayment("P-1", 100_000, "voluntary", s_at));

        var applied = Assert.IsType<PaymentApplied>(Assert.Single(decision.Events));
        Assert.Equal([new Allocation("2025-001", TaxComponent.Costs, 10_000), new Allocation("2025-001", TaxComponent.Principal, 90_000)], applied.Allocations);
        var state = TaxpayerDecider.Apply(s_assessed, applied);
        Assert.Equal(240_000, state.Outstanding);
        Assert.Equal(100_000, state.TotalReceived);
        Assert.Equal([new LedgerPayment("P-1", 100_000, applied.Allocations, 0)], state.Payments);
    }

    [Fact]
    public void The_same_payment_delivered_twice_is_applied_once()
    {
        var once = TaxpayerDecider.ApplyAll(s_assessed, TaxpayerDecider.Decide(s_assessed, new TaxpayerCommand.ReceivePayment("P-1", 100_000, "exchange", s_at)).Events);

        var again = TaxpayerDecider.Decide(once, new TaxpayerCommand.ReceivePayment("P-1", 100_000, "exchange", s_at));

        Assert.False(again.IsRejected);
        Assert.Empty(again.Events);
    }

    [Fact]
    public void Overpayment_becomes_a_refund_due()
    {
        var decision = TaxpayerDecider.Decide(s_assessed, new TaxpayerCommand.ReceivePayment("P-1", 400_000, "sale", s_at));
        var state = TaxpayerDecider.ApplyAll(s_assessed, decision.Events);

        Assert.Equal(60_000, ((PaymentApplied)decision.Events[0]).Refund);
        Assert.Equal(0, state.Outstanding);
        Assert.Equal(60_000, state.TotalRefundDue);
    }

    [Fact]
    public void A_payment_after_the_debt_is_paid_is_refunded_whole()
    {
        var paid = TaxpayerDecider.ApplyAll(s_assessed, TaxpayerDecider.Decide(s_assessed, new TaxpayerCommand.ReceivePayment("P-1", 340_000, "voluntary", s_at)).Events);

        var decision = TaxpayerDecider.Decide(paid, new TaxpayerCommand.ReceivePayment("P-2", 5_000, "voluntary", s_at));

        Assert.Equal(5_000, ((PaymentApplied)decision.Events[0]).Refund);
    }

    [Fact]
    public void A_payment_with_no_debt_at_all_is_refunded_whole()
    {
        var decision = TaxpayerDecider.Decide(s_empty, new TaxpayerCommand.ReceivePayment("P-1", 5_000, "voluntary", s_at));

        Assert.Equal(5_000, ((PaymentApplied)decision.Events[0]).Refund);
    }

    [Fact]
    public void Money_held_or_being_collected_by_one_seizure_is_not_covered_by_another()
    {
        var state = TaxpayerDecider.ApplyAll(s_assessed, [new SeizureAttached("S-A"), new SeizureAttached("S-B"), new ProceedsHeld("S-A", "S-A/TR-1", 100_000)]);

        var reserved = TaxpayerDecider.Decide(state, new TaxpayerCommand.ReserveCover("S-B", 300_000));
        state = TaxpayerDecider.ApplyAll(state, reserved.Events);

        Assert.Equal([new CoverReserved("S-B", 240_000)], reserved.Events);
        Assert.Equal(100_000, state.DebtToCoverFor("S-A"));
        Assert.Equal(240_000, state.DebtToCoverFor("S-B"));
        var applied = TaxpayerDecider.ApplyAll(state, TaxpayerDecider.Decide(state, new TaxpayerCommand.ReceivePayment("S-A/TR-1", 100_000, "seizure S-A", s_at)).Events);
        Assert.Empty(applied.HeldProceeds);
        Assert.Equal(0, applied.DebtToCoverFor("S-A"));
        Assert.Empty(TaxpayerDecider.ApplyAll(applied, [new SeizureDetached("S-B")]).Reservations);
    }

    [Theory]
    [InlineData("", 100, "reference is required")]
    [InlineData("P", 0, "non-positive")]
    [InlineData("P", -5, "non-positive")]
    public void Bad_payments_are_rejected(string reference, long amount, string reason)
    {
        Assert.Contains(reason, TaxpayerDecider.Decide(s_assessed, new TaxpayerCommand.ReceivePayment(reference, amount, "voluntary", s_at)).Rejection);
    }

    [Fact]
    public void Every_command_in_every_kind_of_state_either_is_rejected_with_no_events_or_keeps_the_books_balanced()
    {
        var paid = TaxpayerDecider.ApplyAll(s_assessed, TaxpayerDecider.Decide(s_assessed, new TaxpayerCommand.ReceivePayment("P-0", 340_000, "voluntary", s_at)).Events);
        var overpaid = TaxpayerDecider.ApplyAll(s_assessed, TaxpayerDecider.Decide(s_assessed, new TaxpayerCommand.ReceivePayment("S-1/TR-1", 400_000, "seizure S-1", s_at)).Events);
        var holding = TaxpayerDecider.ApplyAll(s_assessed, [new SeizureAttached("S-1"), new ProceedsHeld("S-1", "S-1/TR-2", 50_000)]);
        var returned = TaxpayerDecider.ApplyAll(overpaid, TaxpayerDecider.Decide(overpaid, new TaxpayerCommand.ReturnProceeds("S-1", "S-1/TR-1")).Events);
        var states = new[] { s_empty, s_assessed, paid, overpaid, holding, returned };
        var commands = new TaxpayerCommand[]
        {
            new TaxpayerCommand.AssessTaxItem(s_item),
            new TaxpayerCommand.AssessTaxItem(s_item with { ItemId = "2026-002" }),
            new TaxpayerCommand.AssessTaxItem(s_item with { Costs = 0 }),
            new TaxpayerCommand.ReceivePayment("P-0", 340_000, "voluntary", s_at),
            new TaxpayerCommand.ReceivePayment("P-9", 1, "voluntary", s_at),
            new TaxpayerCommand.ReceivePayment("P-8", 0, "voluntary", s_at),
            new TaxpayerCommand.ReceivePayment("S-1/TR-1", 400_000, "seizure S-1", s_at),
            new TaxpayerCommand.ReturnProceeds("S-1", "S-1/TR-1"),
            new TaxpayerCommand.ReturnProceeds("S-1", "S-1/TR-2"),
            new TaxpayerCommand.ReturnProceeds("S-1", "P-0"),
            new TaxpayerCommand.HoldProceeds("S-1", "S-1/TR-1", 400_000),
        };

        foreach (var state in states)
        {
            foreach (var command in commands)
            {
                var decision = TaxpayerDecider.Decide(state, command);
                if (decision.IsRejected)
                {
                    Assert.Empty(decision.Events);
                    continue;
                }

                var after = TaxpayerDecider.ApplyAll(state, decision.Events);
                var assessed = after.Items.Sum(i => i.Item.Total);
                var applied = after.Items.Sum(i => i.CostsPaid + i.PrincipalPaid + i.PenaltyPaid);
                Assert.Equal(after.TotalReceived, applied + after.TotalRefundDue + after.TotalReturned);
                Assert.Equal(assessed - applied, after.Outstanding);
                Assert.Equal(after.Payments.Count, after.Payments.Select(p => p.Reference).Distinct().Count());
                Assert.All(after.Items, i => Assert.True(i.TotalOutstanding >= 0));
            }
        }
    }

    [Fact]
    public void A_cancelled_seizure_s_money_is_taken_back_as_it_was_applied_once_and_its_excess_is_no_longer_the_taxpayer_s_refund()
    {
        var paid = TaxpayerDecider.ApplyAll(s_assessed, TaxpayerDecider.Decide(s_assessed, new TaxpayerCommand.ReceivePayment("S-1/TR-1", 400_000, "seizure S-1", s_at)).Events);
        Assert.Equal(0, paid.Outstanding);

        var decision = TaxpayerDecider.Decide(paid, new TaxpayerCommand.ReturnProceeds("S-1", "S-1/TR-1"));

        var reversed = Assert.IsType<PaymentReversed>(Assert.Single(decision.Events));
        Assert.Equal(paid.Payment("S-1/TR-1")!.Allocations, reversed.Allocations);
        var after = TaxpayerDecider.ApplyAll(paid, decision.Events);
        Assert.Equal(s_assessed.Items, after.Items);
        Assert.Equal(340_000, after.Outstanding);
        Assert.Equal(400_000, after.TotalReturned);
        Assert.Equal(0, after.TotalRefundDue);
        Assert.True(after.Payment("S-1/TR-1")!.Returned);

        // Asked again, or the same money delivered again: nothing more happens.
        Assert.Empty(TaxpayerDecider.Decide(after, new TaxpayerCommand.ReturnProceeds("S-1", "S-1/TR-1")).Events);
        Assert.Empty(TaxpayerDecider.Decide(after, new TaxpayerCommand.ReceivePayment("S-1/TR-1", 400_000, "seizure S-1", s_at)).Events);
        Assert.Empty(TaxpayerDecider.Decide(after, new TaxpayerCommand.HoldProceeds("S-1", "S-1/TR-1", 400_000)).Events);

        // Nor does a seizure give back money it did not collect.
        Assert.Contains("not money seizure S-2 collected", TaxpayerDecider.Decide(paid, new TaxpayerCommand.ReturnProceeds("S-2", "S-1/TR-1")).Rejection);
    }

    [Fact]
    public void Held_money_of_a_cancelled_seizure_is_no_longer_held_and_never_comes_in_again()
    {
        var holding = TaxpayerDecider.ApplyAll(s_assessed, [new SeizureAttached("S-1"), new SeizureAttached("S-2"), new ProceedsHeld("S-1", "S-1/TR-1", 300_000)]);
        Assert.Equal(40_000, holding.DebtToCoverFor("S-2"));

        var decision = TaxpayerDecider.Decide(holding, new TaxpayerCommand.ReturnProceeds("S-1", "S-1/TR-1"));

        Assert.Equal([new HeldProceedsReturned("S-1", "S-1/TR-1", 300_000)], decision.Events);
        var after = TaxpayerDecider.ApplyAll(holding, decision.Events);
        Assert.Empty(after.HeldProceeds);
        Assert.Equal(340_000, after.DebtToCoverFor("S-2"));
        Assert.Equal(0, after.TotalReceived);
        Assert.Empty(TaxpayerDecider.Decide(after, new TaxpayerCommand.HoldProceeds("S-1", "S-1/TR-1", 300_000)).Events);
        Assert.Empty(TaxpayerDecider.Decide(after, new TaxpayerCommand.ReceivePayment("S-1/TR-1", 300_000, "seizure S-1", s_at)).Events);
    }

    [Fact]
    public void A_candidate_found_again_with_new_evidence_keeps_the_time_it_was_first_found()
    {
        var first = new MatchCandidate("T-1", "upbit", "U-1", MatchDecision.Review, 70, ["name"]) { FoundAt = s_at };
        var state = TaxpayerDecider.ApplyAll(s_assessed, TaxpayerDecider.Decide(s_assessed, new TaxpayerCommand.RecordCandidate(first)).Events);

        Assert.Empty(TaxpayerDecider.Decide(state, new TaxpayerCommand.RecordCandidate(first with { FoundAt = s_at.AddDays(30) })).Events);
        var again = TaxpayerDecider.Decide(state, new TaxpayerCommand.RecordCandidate(first with { Score = 80, FoundAt = s_at.AddDays(30) }));
        var after = TaxpayerDecider.ApplyAll(state, again.Events);

        Assert.Equal((80, (DateTimeOffset?)s_at), (after.Candidates.Single().Score, after.Candidates.Single().FoundAt));
    }

    [Fact]
    public void A_review_candidate_is_approved_or_rejected_once_and_only_a_review_candidate_is()
    {
        var review = new MatchCandidate("T-1", "upbit", "U-1", MatchDecision.Review, 70, ["name", "birth date"]);
        var auto = review with { AccountId = "U-2", Decision = MatchDecision.Auto };
        var state = TaxpayerDecider.ApplyAll(s_assessed, [new MatchCandidateRecorded(review), new MatchCandidateRecorded(auto)]);
        TaxpayerCommand.ReviewCandidate Review(string account, bool approve, string by, string reason = "") => new("upbit", account, approve, by, reason, s_at);

        Assert.Contains("not a review candidate", TaxpayerDecider.Decide(state, Review("U-2", true, "officer:kim")).Rejection);
        Assert.Contains("not a review candidate", TaxpayerDecider.Decide(state, Review("U-9", true, "officer:kim")).Rejection);
        Assert.Contains("reason", TaxpayerDecider.Decide(state, Review("U-1", false, "officer:kim", " ")).Rejection);

        var rejected = TaxpayerDecider.Decide(state, Review("U-1", false, "officer:kim", " different birth year "));
        var after = TaxpayerDecider.ApplyAll(state, rejected.Events);
        Assert.Equal(new CandidateReview("upbit", "U-1", false, "officer:kim", "different birth year", s_at), after.ReviewOf("upbit", "U-1"));
        Assert.Empty(TaxpayerDecider.Decide(after, Review("U-1", false, "officer:lee", "again")).Events);
        Assert.Contains("already rejected by officer:kim", TaxpayerDecider.Decide(after, Review("U-1", true, "officer:lee")).Rejection);
    }

    [Fact]
    public void A_candidate_found_again_is_news_when_its_chance_moved_enough_to_reorder_the_queue_and_keeps_its_first_time()
    {
        MatchCandidate Weighed(double probability) => new MatchCandidate("T-1", "upbit", "U-1", MatchDecision.Review, 70, ["name"]) { FoundAt = s_at, Weight = new(0, probability, []) };
        var state = TaxpayerDecider.ApplyAll(s_assessed, [new MatchCandidateRecorded(Weighed(0.5))]);

        Assert.Empty(TaxpayerDecider.Decide(state, new TaxpayerCommand.RecordCandidate(Weighed(0.5 + (MatchCandidates.ChanceMoved / 2)))).Events);
        var moved = TaxpayerDecider.Decide(state, new TaxpayerCommand.RecordCandidate(Weighed(0.5 + MatchCandidates.ChanceMoved) with { FoundAt = s_at.AddDays(30) }));
        var after = TaxpayerDecider.ApplyAll(state, moved.Events);

        Assert.Equal((0.5 + MatchCandidates.ChanceMoved, (DateTimeOffset?)s_at), (after.Candidates.Single().Weight!.Probability, after.Candidates.Single().FoundAt));
        // A candidate recorded before weights gets its first.
        var unweighed = TaxpayerDecider.ApplyAll(s_assessed, [new MatchCandidateRecorded(Weighed(0.5) with { Weight = null })]);
        Assert.Single(TaxpayerDecider.Decide(unweighed, new TaxpayerCommand.RecordCandidate(Weighed(0.5))).Events);
    }

    [Fact]
    public void Only_an_open_review_candidate_is_withdrawn_and_once_withdrawn_it_is_news_when_found_again()
    {
        var open = new MatchCandidate("T-1", "upbit", "U-1", MatchDecision.Review, 70, ["name"]) { FoundAt = s_at };
        var decided = open with { AccountId = "U-2" };
        var auto = open with { AccountId = "U-3", Decision = MatchDecision.Auto };
        var state = TaxpayerDecider.ApplyAll(s_assessed, [
            new MatchCandidateRecorded(open), new MatchCandidateRecorded(decided), new MatchCandidateRecorded(auto),
            new CandidateReviewed(new CandidateReview("upbit", "U-2", false, "officer:kim", "another person", s_at))]);
        TaxpayerCommand.WithdrawCandidate Withdraw(string account) => new("upbit", account, "sweep 2 no longer found it", s_at.AddDays(30));

        var withdrawn = TaxpayerDecider.Decide(state, Withdraw("U-1"));
        Assert.Equal([new CandidateWithdrawn("upbit", "U-1", "sweep 2 no longer found it", s_at.AddDays(30))], withdrawn.Events);
        Assert.Empty(TaxpayerDecider.Decide(state, Withdraw("U-2")).Events);
        Assert.Empty(TaxpayerDecider.Decide(state, Withdraw("U-3")).Events);
        Assert.Empty(TaxpayerDecider.Decide(state, Withdraw("U-9")).Events);

        var after = TaxpayerDecider.ApplyAll(state, withdrawn.Events);
        Assert.Equal(["U-2", "U-3"], after.Candidates.Select(c => c.AccountId).Order());
        Assert.Empty(TaxpayerDecider.Decide(after, Withdraw("U-1")).Events);
        var foundAgain = TaxpayerDecider.Decide(after, new TaxpayerCommand.RecordCandidate(open with { FoundAt = s_at.AddDays(60) }));
        Assert.Equal(s_at.AddDays(60), TaxpayerDecider.ApplyAll(after, foundAgain.Events).Candidates.Single(c => c.AccountId == "U-1").FoundAt);
    }

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(Won.Max + 1)]
    public void A_payment_beyond_what_a_ledger_holds_is_refused(long amount)
    {
        var decision = TaxpayerDecider.Decide(s_assessed, new TaxpayerCommand.ReceivePayment("P-MAX", amount, "bank", s_at));

        Assert.Contains("the most a ledger holds", decision.Rejection);
    }

    [Fact]
    public void Payments_that_together_would_pass_what_a_ledger_holds_are_refused_before_the_total_overflows()
    {
        var state = TaxpayerDecider.ApplyAll(s_assessed, TaxpayerDecider.Decide(s_assessed, new TaxpayerCommand.ReceivePayment("P-1", Won.Max, "bank", s_at)).Events);

        Assert.Equal(Won.Max, state.TotalReceived);
        Assert.Contains("the most a ledger holds", TaxpayerDecider.Decide(state, new TaxpayerCommand.ReceivePayment("P-2", 1, "bank", s_at)).Rejection);
    }

    [Fact]
    public void Items_beyond_what_a_ledger_holds_are_refused_alone_and_together()
    {
        Assert.Contains("the most a ledger holds", TaxpayerDecider.Decide(s_empty, new TaxpayerCommand.AssessTaxItem(s_item with { Principal = long.MaxValue })).Rejection);
        Assert.Contains("the most a ledger holds", TaxpayerDecider.Decide(s_empty, new TaxpayerCommand.AssessTaxItem(s_item with { Principal = Won.Max, Penalty = Won.Max })).Rejection);

        var full = TaxpayerDecider.Apply(s_empty, new TaxItemAssessed(s_item with { Principal = Won.Max - 1, Penalty = 0, Costs = 0 }));
        Assert.Contains("the most a ledger holds", TaxpayerDecider.Decide(full, new TaxpayerCommand.AssessTaxItem(s_item with { ItemId = "2025-002" })).Rejection);
    }

    [Fact]
    public void References_sources_and_reasons_longer_than_the_history_keeps_are_refused()
    {
        Assert.Contains("at most 100", TaxpayerDecider.Decide(s_assessed, new TaxpayerCommand.ReceivePayment(new string('R', 101), 1_000, "bank", s_at)).Rejection);
        Assert.Contains("at most 100", TaxpayerDecider.Decide(s_assessed, new TaxpayerCommand.ReceivePayment("P-1", 1_000, new string('S', 101), s_at)).Rejection);
        Assert.False(TaxpayerDecider.Decide(s_assessed, new TaxpayerCommand.ReceivePayment(new string('R', 100), 1_000, new string('S', 100), s_at)).IsRejected);
    }
}
