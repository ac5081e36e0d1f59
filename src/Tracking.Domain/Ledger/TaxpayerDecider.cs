using Tracking.Domain.Matching;

namespace Tracking.Domain.Ledger;

/// <summary>The taxpayer ledger's state machine: decide(state, command) → events; apply(state, event) → state.</summary>
public static class TaxpayerDecider
{
    public static Decision<TaxpayerEvent> Decide(TaxpayerLedger state, TaxpayerCommand command) => command switch
    {
        TaxpayerCommand.AssessTaxItem assess => DecideAssess(state, assess.Item),
        TaxpayerCommand.ReceivePayment payment => DecidePayment(state, payment),
        TaxpayerCommand.Register register => register.Profile.TaxpayerId != state.TaxpayerId
            ? Decision<TaxpayerEvent>.Reject($"profile of {register.Profile.TaxpayerId} sent to taxpayer {state.TaxpayerId}")
            : register.Profile == state.Profile ? Decision<TaxpayerEvent>.Accept() : Decision<TaxpayerEvent>.Accept(new TaxpayerRegistered(register.Profile)),
        TaxpayerCommand.RecordCandidate record => record.Candidate.TaxpayerId != state.TaxpayerId
            ? Decision<TaxpayerEvent>.Reject($"candidate for {record.Candidate.TaxpayerId} sent to taxpayer {state.TaxpayerId}")
            : MatchCandidates.IsNew(state.Candidates, record.Candidate) ? Decision<TaxpayerEvent>.Accept(new MatchCandidateRecorded(record.Candidate)) : Decision<TaxpayerEvent>.Accept(),
        TaxpayerCommand.ReviewCandidate review => DecideReview(state, review),
        TaxpayerCommand.WithdrawCandidate withdraw => state.Candidates.Any(c => c.Exchange == withdraw.Exchange && c.AccountId == withdraw.AccountId && c.Decision == MatchDecision.Review)
            && state.ReviewOf(withdraw.Exchange, withdraw.AccountId) is null
                ? Decision<TaxpayerEvent>.Accept(new CandidateWithdrawn(withdraw.Exchange, withdraw.AccountId, withdraw.Reason, withdraw.At))
                : Decision<TaxpayerEvent>.Accept(),
        TaxpayerCommand.AttachSeizure attach => state.OpenSeizures.Contains(attach.SeizureId) ? Decision<TaxpayerEvent>.Accept() : Decision<TaxpayerEvent>.Accept(new SeizureAttached(attach.SeizureId)),
        TaxpayerCommand.DetachSeizure detach => state.OpenSeizures.Contains(detach.SeizureId) ? Decision<TaxpayerEvent>.Accept(new SeizureDetached(detach.SeizureId)) : Decision<TaxpayerEvent>.Accept(),
        TaxpayerCommand.HoldProceeds hold => DecideHold(state, hold),
        TaxpayerCommand.ReserveCover reserve => DecideReserve(state, reserve),
        TaxpayerCommand.ReturnProceeds @return => DecideReturn(state, @return),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown taxpayer command."),
    };

    public static TaxpayerLedger Apply(TaxpayerLedger state, TaxpayerEvent @event) => @event switch
    {
        TaxpayerRegistered registered => state with { Profile = registered.Profile },
        MatchCandidateRecorded recorded => state with { Candidates = MatchCandidates.Upsert(state.Candidates, recorded.Candidate) },
        CandidateReviewed reviewed => state with { Reviews = [.. state.Reviews, reviewed.Review] },
        CandidateWithdrawn withdrawn => state with { Candidates = MatchCandidates.Without(state.Candidates, state.TaxpayerId, withdrawn.Exchange, withdrawn.AccountId) },
        TaxItemAssessed assessed => state with { Items = [.. state.Items, new ItemBalance(assessed.Item, 0, 0, 0)] },
        PaymentApplied applied => state with
        {
            Items = Paid(state.Items, applied.Allocations, +1),
            Payments = [.. state.Payments, new LedgerPayment(applied.Reference, applied.Amount, applied.Allocations, applied.Refund)],
            HeldProceeds = state.HeldProceeds.Where(h => h.Reference != applied.Reference).ToArray(),
            TotalReceived = state.TotalReceived + applied.Amount,
            TotalRefundDue = state.TotalRefundDue + applied.Refund,
        },
        PaymentReversed reversed => state with
        {
            Items = Paid(state.Items, reversed.Allocations, -1),
            Payments = state.Payments.Select(p => p.Reference == reversed.Reference ? p with { Returned = true } : p).ToArray(),
            TotalRefundDue = state.TotalRefundDue - reversed.Refund,
            TotalReturned = state.TotalReturned + reversed.Allocations.Sum(a => a.Amount) + reversed.Refund,
        },
        HeldProceedsReturned returned => state with
        {
            HeldProceeds = state.HeldProceeds.Where(h => h.Reference != returned.Reference).ToArray(),
            Payments = [.. state.Payments, new LedgerPayment(returned.Reference, returned.Amount, [], 0) { Returned = true }],
        },
        SeizureAttached attached => state with { OpenSeizures = [.. state.OpenSeizures, attached.SeizureId] },
        SeizureDetached detached => state with
        {
            OpenSeizures = state.OpenSeizures.Where(s => s != detached.SeizureId).ToArray(),
            Reservations = WithoutReservation(state, detached.SeizureId),
        },
        ProceedsHeld held => state with
        {
            HeldProceeds = [.. state.HeldProceeds, new HeldProceeds(held.SeizureId, held.Reference, held.Amount)],
            Reservations = WithoutReservation(state, held.SeizureId),
        },
        CoverReserved reserved => state with
        {
            Reservations = reserved.Amount > 0 ? [.. WithoutReservation(state, reserved.SeizureId), new CoverReservation(reserved.SeizureId, reserved.Amount)] : WithoutReservation(state, reserved.SeizureId),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unknown taxpayer event."),
    };

    /// <summary>The items with a payment's allocations added (+1) or taken back (-1).</summary>
    private static ItemBalance[] Paid(IEnumerable<ItemBalance> items, IReadOnlyList<Allocation> allocations, int sign) =>
        items.Select(b => allocations.Where(a => a.ItemId == b.Item.ItemId).Aggregate(b, (balance, a) => balance.WithPayment(a.Component, sign * a.Amount))).ToArray();

    public static TaxpayerLedger ApplyAll(TaxpayerLedger state, IEnumerable<TaxpayerEvent> events) => events.Aggregate(state, Apply);

    private static Decision<TaxpayerEvent> DecideReview(TaxpayerLedger state, TaxpayerCommand.ReviewCandidate review)
    {
        if (!state.Candidates.Any(c => c.Exchange == review.Exchange && c.AccountId == review.AccountId && c.Decision == MatchDecision.Review))
        {
            return Decision<TaxpayerEvent>.Reject($"{review.Exchange}/{review.AccountId} is not a review candidate of taxpayer {state.TaxpayerId}");
        }

        if (!review.Approve && string.IsNullOrWhiteSpace(review.Reason))
        {
            return Decision<TaxpayerEvent>.Reject("a rejection needs a reason");
        }

        if (TextLimits.Problem("the reason", review.Reason, TextLimits.Reason, required: false) is { } tooLong)
        {
            return Decision<TaxpayerEvent>.Reject(tooLong);
        }

        if (state.ReviewOf(review.Exchange, review.AccountId) is { } earlier)
        {
            return earlier.Approved == review.Approve
                ? Decision<TaxpayerEvent>.Accept()
                : Decision<TaxpayerEvent>.Reject($"{review.Exchange}/{review.AccountId} was already {(earlier.Approved ? "approved" : "rejected")} by {earlier.By}");
        }

        return Decision<TaxpayerEvent>.Accept(new CandidateReviewed(new CandidateReview(review.Exchange, review.AccountId, review.Approve, review.By, review.Reason.Trim(), review.At)));
    }

    private static Decision<TaxpayerEvent> DecideAssess(TaxpayerLedger state, TaxItem item)
    {
        if (item.Problem() is { } problem)
        {
            return Decision<TaxpayerEvent>.Reject(problem);
        }

        return state.Find(item.ItemId) switch
        {
            null when state.Items.Sum(i => i.Item.Total) + item.Total > Won.Max =>
                Decision<TaxpayerEvent>.Reject($"item {item.ItemId} would take taxpayer {state.TaxpayerId}'s assessed total beyond {Won.Format(Won.Max)}, the most a ledger holds"),
            null => Decision<TaxpayerEvent>.Accept(new TaxItemAssessed(item)),
            { Item: var existing } when existing == item => Decision<TaxpayerEvent>.Accept(),
            _ => Decision<TaxpayerEvent>.Reject($"item {item.ItemId} is already assessed with different details"),
        };
    }

    private static CoverReservation[] WithoutReservation(TaxpayerLedger state, string seizureId) =>
        state.Reservations.Where(r => r.SeizureId != seizureId).ToArray();

    private static Decision<TaxpayerEvent> DecideReserve(TaxpayerLedger state, TaxpayerCommand.ReserveCover reserve)
    {
        var own = state.HeldProceeds.Where(h => h.SeizureId == reserve.SeizureId).Sum(h => h.Amount);
        var granted = Math.Clamp(reserve.Amount, 0, Math.Max(0, state.DebtToCoverFor(reserve.SeizureId) - own));
        var current = state.Reservations.FirstOrDefault(r => r.SeizureId == reserve.SeizureId)?.Amount ?? 0;
        return granted == current ? Decision<TaxpayerEvent>.Accept() : Decision<TaxpayerEvent>.Accept(new CoverReserved(reserve.SeizureId, granted));
    }

    private static Decision<TaxpayerEvent> DecideHold(TaxpayerLedger state, TaxpayerCommand.HoldProceeds hold) =>
        hold.Amount <= 0 ? Decision<TaxpayerEvent>.Reject($"proceeds {hold.Reference} have a non-positive amount {hold.Amount}")
        : hold.Amount > Won.Max ? Decision<TaxpayerEvent>.Reject($"proceeds {hold.Reference} of {Won.Format(hold.Amount)} are more than a ledger holds ({Won.Format(Won.Max)})")
        : state.Payment(hold.Reference) is not null || state.HeldProceeds.Any(h => h.Reference == hold.Reference) ? Decision<TaxpayerEvent>.Accept()
        : Decision<TaxpayerEvent>.Accept(new ProceedsHeld(hold.SeizureId, hold.Reference, hold.Amount));

    private static Decision<TaxpayerEvent> DecideReturn(TaxpayerLedger state, TaxpayerCommand.ReturnProceeds @return) => state.Payment(@return.Reference) switch
    {
        _ when !ProceedsReference.IsOf(@return.SeizureId, @return.Reference) =>
            Decision<TaxpayerEvent>.Reject($"{@return.Reference} is not money seizure {@return.SeizureId} collected; only a seizure's own proceeds go back"),
        { Returned: true } => Decision<TaxpayerEvent>.Accept(),
        { } applied => Decision<TaxpayerEvent>.Accept(new PaymentReversed(applied.Reference, applied.Allocations, applied.Refund)),
        // Held, or never heard of (the seizure stopped before telling): marked returned either way, so it is never held or applied later.
        null => Decision<TaxpayerEvent>.Accept(new HeldProceedsReturned(
            @return.SeizureId,
            @return.Reference,
            state.HeldProceeds.Where(h => h.Reference == @return.Reference).Sum(h => h.Amount))),
    };

    private static Decision<TaxpayerEvent> DecidePayment(TaxpayerLedger state, TaxpayerCommand.ReceivePayment payment)
    {
        if ((TextLimits.Problem("a payment's reference", payment.Reference, TextLimits.Reference)
            ?? TextLimits.Problem("a payment's source", payment.Source, TextLimits.Source, required: false)) is { } text)
        {
            return Decision<TaxpayerEvent>.Reject(text);
        }

        if (state.Payment(payment.Reference) is not null)
        {
            return Decision<TaxpayerEvent>.Accept();
        }

        if (payment.Amount <= 0)
        {
            return Decision<TaxpayerEvent>.Reject($"payment {payment.Reference} has a non-positive amount {payment.Amount}");
        }

        if (payment.Amount > Won.Max - state.TotalReceived)
        {
            return Decision<TaxpayerEvent>.Reject($"payment {payment.Reference} of {Won.Format(payment.Amount)} would take the taxpayer's receipts beyond {Won.Format(Won.Max)}, the most a ledger holds");
        }

        var (allocations, remainder) = PaymentAllocator.Allocate(state.Items, payment.Amount);
        return Decision<TaxpayerEvent>.Accept(new PaymentApplied(payment.Reference, payment.Amount, payment.Source, payment.ReceivedAt, allocations, remainder));
    }
}
