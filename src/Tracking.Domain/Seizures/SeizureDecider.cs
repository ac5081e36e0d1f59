using Tracking.Domain.Accounts;

namespace Tracking.Domain.Seizures;

/// <summary>
/// The seizure lifecycle as a state machine: decide(state, command) → events, apply(state, event)
/// → state. After each command the seizure takes every step that is now due by itself (as
/// <see cref="SeizureContext.SystemActor"/>), so a reminder or a changed debt needs only
/// <see cref="SeizureCommand.Review"/>. One exchange request is in flight at a time, so answers
/// that arrive late, twice or out of order can only match the one request they answer.
/// </summary>
public static class SeizureDecider
{
    public static Decision<SeizureEvent> Decide(Seizure state, SeizureCommand command, SeizureContext context, SeizurePolicy policy)
    {
        var steps = new Steps(state, context, policy);
        var rejection = command switch
        {
            SeizureCommand.Open open => Open(steps, open),
            SeizureCommand.RecordReply record => RecordReply(steps, record.Reply),
            SeizureCommand.ApproveSale => ApproveSale(steps),
            SeizureCommand.RequestCancellation request => RequestCancellation(steps, request.Reason),
            SeizureCommand.ApproveCancellation => ApproveCancellation(steps),
            SeizureCommand.RecordDistribution distribution => RecordDistribution(steps, distribution),
            SeizureCommand.RecordReturn @return => RecordReturn(steps, @return),
            SeizureCommand.Review => state.Opened ? null : "the seizure was never opened",
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown seizure command."),
        };
        if (rejection is not null)
        {
            return Decision<SeizureEvent>.Reject(rejection);
        }

        Advance(steps);
        return Decision<SeizureEvent>.Accept([.. steps.Events]);
    }

    public static Seizure Apply(Seizure state, SeizureEvent @event)
    {
        var next = @event switch
        {
            SeizureOpened opened => state with
            {
                TaxpayerId = opened.TaxpayerId,
                Exchange = opened.Exchange,
                AccountId = opened.AccountId,
                Basis = opened.Basis,
                Incarnation = opened.Incarnation,
                OpenedAt = opened.At,
                OpenedBy = opened.Actor,
                DebtAtOpening = opened.DebtToCover,
                Status = SeizureStatus.NoticeSent,
            },
            ExchangeRequestIssued issued => state with
            {
                Pending = [.. state.Pending, issued.Request],
                RequestsIssued = state.RequestsIssued + 1,
                Status = issued.Request.Kind switch
                {
                    ExchangeRequestKind.SeizureNotice => SeizureStatus.NoticeSent,
                    ExchangeRequestKind.RemitKrw => SeizureStatus.CollectionRequested,
                    ExchangeRequestKind.Sell => SeizureStatus.SaleRequested,
                    _ => SeizureStatus.ReleaseRequested,
                },
                SaleProposed = issued.Request.Kind != ExchangeRequestKind.Sell && state.SaleProposed,
                SaleApproved = issued.Request.Kind != ExchangeRequestKind.Sell && state.SaleApproved,
            },
            SeizureTookEffect effect => Answer(state, effect.RequestId) with { Frozen = true, Holdings = effect.Holdings, Valuation = effect.Valuation, Status = SeizureStatus.Seized },
            DocumentIssued => state,
            SaleWarned warned => state with { SaleWaitUntil = warned.WaitUntil, Status = SeizureStatus.SaleWarned },
            SaleProposed => state with { SaleProposed = true, Status = SeizureStatus.AwaitingSaleApproval },
            SaleApproved => state with { SaleApproved = true, Status = SeizureStatus.SaleApproved },
            SaleFilled filled => Answer(state, filled.RequestId) with { Holdings = AfterSale(state.Holdings, filled.Fills), Status = SeizureStatus.Sold },
            ProceedsReceived received => Answer(state, received.RequestId) with
            {
                Holdings = Adjust(state.Holdings, Seizure.KrwAsset, -received.Amount),
                // Nothing received (the account held less than asked) leaves nothing to distribute.
                Receipts = received.Amount > 0 ? [.. state.Receipts, new ProceedsReceipt(received.TransferReference, received.Amount, received.DistributionDue) { ReceivedAt = received.At }] : state.Receipts,
                Status = SeizureStatus.ProceedsReceived,
            },
            ProceedsDistributed distributed => state with
            {
                Receipts = state.Receipts.Select(r => r.TransferReference == distributed.TransferReference
                    ? r with { Distributed = true, Applied = distributed.Applied, Refunded = distributed.Refunded }
                    : r).ToArray(),
                Status = state.Released ? SeizureStatus.Released
                    : state.Pending.Count > 0 ? state.Status
                    : state.SaleApproved ? SeizureStatus.SaleApproved
                    : state.SaleProposed ? SeizureStatus.AwaitingSaleApproval
                    : state.SaleWaitUntil is not null ? SeizureStatus.SaleWarned
                    : SeizureStatus.Distributed,
            },
            ProceedsReturned returned => state with
            {
                Receipts = state.Receipts.Select(r => r.TransferReference == returned.TransferReference
                    ? r with { Distributed = true, Returned = true, Applied = 0, Refunded = r.Amount }
                    : r).ToArray(),
            },
            ReleaseConfirmed released => Answer(state, released.RequestId) with { Released = true, Status = SeizureStatus.Released },
            CancellationRequested requested => state with { CancellationRequest = new CancellationRequest(requested.Actor, requested.Reason, requested.At) },
            // A closed case cancelled to correct it is open again until its money is back; its first close still dates its lead time.
            SeizureCancelled cancelled => state with { Cancelled = true, CancelledAt = cancelled.At, CancellationRequest = null, Status = SeizureStatus.Cancelled, Outcome = null },
            SeizureRejected rejected => (rejected.RequestId is { } id ? Answer(state, id) : state) with { Rejected = true, Status = SeizureStatus.Rejected },
            SeizureClosed closed => state with { Outcome = closed.Outcome, ClosedAt = state.ClosedAt ?? closed.At, Status = SeizureStatus.Closed },
            _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unknown seizure event."),
        };
        return @event.Document is null ? next : next with { DocumentsIssued = next.DocumentsIssued + 1 };
    }

    public static Seizure ApplyAll(Seizure state, IEnumerable<SeizureEvent> events) => events.Aggregate(state, Apply);

    private static string? Open(Steps steps, SeizureCommand.Open open)
    {
        var state = steps.State;
        if (state.Opened)
        {
            return state.TaxpayerId == open.TaxpayerId && state.Exchange == open.Exchange && state.AccountId == open.AccountId
                ? null
                : $"seizure {state.SeizureId} is already open for another account";
        }

        if (steps.NotInHand <= 0)
        {
            return $"taxpayer {open.TaxpayerId} owes nothing that is not already covered";
        }

        steps.Add(
            new SeizureOpened(open.SeizureId, open.TaxpayerId, open.Exchange, open.AccountId, open.Basis, steps.NotInHand, open.Incarnation),
            new Said(
                $"account {open.Exchange}/{open.AccountId} matched to taxpayer {open.TaxpayerId} ({open.Basis})",
                $"계좌 {open.Exchange}/{open.AccountId}이(가) 체납자 {open.TaxpayerId}와(과) 일치 ({open.KoreanBasis ?? open.Basis})"));
        steps.Issue(
            ExchangeRequestKind.SeizureNotice,
            new("receivable-seizure notice to the exchange (Art. 51, 61(3)); effective on acknowledgement", "거래소에 채권압류통지 (제51조, 제61조제3항); 거래소가 접수하면 효력 발생"),
            SeizureDocumentKind.ExchangeNotice,
            byActor: true);
        return null;
    }

    private static string? RecordReply(Steps steps, ExchangeReply reply)
    {
        var state = steps.State;
        var request = state.Pending.FirstOrDefault(r => r.RequestId == reply.RequestId);
        if (request is null)
        {
            // Answered already, or not ours to answer: a repeated or stray callback changes nothing.
            return null;
        }

        var expected = reply switch
        {
            ExchangeReply.Frozen or ExchangeReply.AccountUnavailable => ExchangeRequestKind.SeizureNotice,
            ExchangeReply.Sold => ExchangeRequestKind.Sell,
            ExchangeReply.Remitted => ExchangeRequestKind.RemitKrw,
            ExchangeReply.Released => ExchangeRequestKind.Release,
            _ => throw new ArgumentOutOfRangeException(nameof(reply), reply.GetType().Name, "Unknown exchange reply."),
        };
        if (expected != request.Kind)
        {
            return $"a {reply.GetType().Name} answer does not answer request {request.RequestId} ({request.Kind})";
        }

        if (ExchangeReplyBounds.Problem(reply) is { } outOfBounds)
        {
            return outOfBounds;
        }

        switch (reply)
        {
            case ExchangeReply.Frozen frozen:
                var value = frozen.Holdings.Where(h => h.Asset == Seizure.KrwAsset).Sum(h => h.Total)
                    + SalePlanner.Value(frozen.Holdings.Where(h => h.Asset != Seizure.KrwAsset), steps.Context.Prices, steps.Policy);
                if (!Won.InRange(value))
                {
                    return $"the exchange reported holdings worth {value:N0} won, beyond {Won.Format(Won.Max)}";
                }

                var valuation = (long)Math.Floor(value);
                steps.Add(new SeizureTookEffect(frozen.RequestId, frozen.Holdings, valuation), new("the exchange acknowledged the seizure notice and froze the account", "거래소가 압류통지를 접수하고 계좌를 동결함"));
                steps.System(new DocumentIssued(), new("seizure record drawn up (Art. 38)", "압류조서 작성 (제38조)"), SeizureDocumentKind.SeizureRecord);
                steps.System(
                    new DocumentIssued(),
                    new("taxpayer notified of the seizure; collecting or disposing of the assets is prohibited (Art. 38, 52)", "체납자에게 압류 통지; 압류 자산의 추심·이전·처분 금지 (제38조, 제52조)"),
                    SeizureDocumentKind.TaxpayerNotice);
                if (!frozen.Holdings.Any(h => h.Total > 0))
                {
                    steps.Add(new SeizureRejected(null), new("the account holds nothing", "계좌에 자산이 없음"));
                }

                break;
            case ExchangeReply.AccountUnavailable unavailable:
                steps.Add(new SeizureRejected(unavailable.RequestId), new($"the exchange cannot seize the account: {unavailable.Why}", $"거래소가 계좌를 압류할 수 없음: {unavailable.Why}"));
                break;
            case ExchangeReply.Sold sold:
                var net = sold.Fills.Sum(f => f.Net);
                steps.Add(new SaleFilled(sold.RequestId, sold.Fills), new($"sold at the exchange for {net:N0} won net of fees (Art. 71(2))", $"거래소에서 수수료를 빼고 {net:N0}원에 매각 (제71조제2항)"));
                break;
            case ExchangeReply.Remitted remitted:
                var due = steps.Context.Now + steps.Policy.DistributionDelay;
                steps.Add(
                    new ProceedsReceived(remitted.RequestId, remitted.Amount, remitted.TransferReference, due),
                    new($"{remitted.Amount:N0} won received from the exchange; distribution set for {KoreaTime.Day(due)} (Art. 97)", $"거래소로부터 {remitted.Amount:N0}원 수령; {KoreaTime.Day(due)} 배분 예정 (제97조)"));
                break;
            case ExchangeReply.Released released:
                steps.Add(new ReleaseConfirmed(released.RequestId), new("the exchange confirmed the release (Art. 63–64)", "거래소가 압류해제를 확인함 (제63조–제64조)"), SeizureDocumentKind.ReleaseRecord);
                steps.System(new DocumentIssued(), new("taxpayer notified of the release", "체납자에게 압류해제 통지"), SeizureDocumentKind.TaxpayerReleaseNotice);
                break;
        }

        return null;
    }

    private static string? ApproveSale(Steps steps)
    {
        var state = steps.State;
        if (state.Status != SeizureStatus.AwaitingSaleApproval)
        {
            return $"no sale awaits approval; the seizure is {state.Status}";
        }

        if (steps.Context.Actor == SeizureContext.SystemActor)
        {
            return "a sale is approved by a supervisor, not by the system";
        }

        if (steps.Context.Actor == state.OpenedBy)
        {
            return $"{state.OpenedBy} opened this case; a second person approves its sale";
        }

        steps.Add(new SaleApproved(), new("sale approved", "매각 승인"));
        return null;
    }

    private static string? RequestCancellation(Steps steps, string reason)
    {
        var state = steps.State;
        if (string.IsNullOrWhiteSpace(reason))
        {
            return "a cancellation needs a reason";
        }

        if (TextLimits.Problem("the reason", reason, TextLimits.Reason) is { } tooLong)
        {
            return tooLong;
        }

        if (NothingToCancel(state) is { } why)
        {
            return why;
        }

        if (state.Cancelled || state.CancellationRequest is not null)
        {
            return null;
        }

        steps.Add(new CancellationRequested(), Said.Typed(reason));
        return null;
    }

    private static string? ApproveCancellation(Steps steps)
    {
        var state = steps.State;
        if (state.Cancelled)
        {
            return null;
        }

        if (state.CancellationRequest is not { } request)
        {
            return "no cancellation awaits approval";
        }

        if (steps.Context.Actor == SeizureContext.SystemActor || steps.Context.Actor == request.RequestedBy)
        {
            return $"{request.RequestedBy} asked for this cancellation; a second person approves it";
        }

        if (NothingToCancel(state) is { } why)
        {
            return why;
        }

        if (state.Pending.Any(r => r.Collects))
        {
            // What the exchange is sending must arrive before it can be given back.
            return "money is being collected from this account; approve the cancellation once the exchange has answered";
        }

        var approved = new Said($"cancellation asked by {request.RequestedBy} approved: {request.Reason}", $"{request.RequestedBy}의 압류 취소 요청 승인: {request.Reason}");
        steps.Add(
            new SeizureCancelled(),
            state.Collected > 0
                ? new(
                    $"{approved.English}; the {state.Collected:N0} won collected goes back to the account holder, and what of it paid the debt is taken back from the ledger (correction)",
                    $"{approved.Korean}; 징수한 {state.Collected:N0}원은 계좌 명의인에게 돌려주고, 그중 체납액에 충당한 금액은 충당을 취소함 (정정)")
                : approved);
        return null;
    }

    /// <summary>
    /// An open seizure may be withdrawn; a closed one only to correct it, when it kept money it
    /// collected (the account proved not to be the taxpayer's after the case closed).
    /// </summary>
    private static string? NothingToCancel(Seizure state) =>
        !state.Opened ? "the seizure is not open"
        : state.IsClosed && state.Collected == state.ReturnedToHolder ? "the seizure is closed, and it kept no money: there is nothing to correct"
        : null;

    private static string? RecordReturn(Steps steps, SeizureCommand.RecordReturn @return)
    {
        var state = steps.State;
        var receipt = state.Receipts.FirstOrDefault(r => r.TransferReference == @return.TransferReference);
        if (receipt is null)
        {
            return $"no money was received under {@return.TransferReference}";
        }

        if (!state.Cancelled)
        {
            return "only a cancelled seizure gives money back";
        }

        if (receipt.Returned)
        {
            return null;
        }

        // The ledger's answer must be this receipt as distributed, or, if its distribution was not
        // recorded here, as the ledger applied it, or nothing at all if it was only held.
        var (takenBack, refundedBefore) = (@return.TakenBack, @return.RefundedBefore);
        var consistent = receipt.Distributed
            ? takenBack == receipt.Applied && refundedBefore == receipt.Refunded
            : takenBack >= 0 && refundedBefore >= 0 && (takenBack + refundedBefore == receipt.Amount || (takenBack == 0 && refundedBefore == 0));
        if (!consistent)
        {
            return $"{takenBack:N0} won taken back and {refundedBefore:N0} won refunded before do not match the {receipt.Amount:N0} won received under {receipt.TransferReference}";
        }

        // All of it goes back: the excess, too, was the account holder's money, not the taxpayer's to be refunded.
        var toHolder = receipt.Amount;
        steps.Add(
            new ProceedsReturned(receipt.TransferReference, toHolder, takenBack),
            takenBack > 0
                ? new(
                    $"{toHolder:N0} won returned to the account holder; the {takenBack:N0} won it had paid is owed again (Framework Act on Local Taxes, Art. 60)",
                    $"계좌 명의인에게 {toHolder:N0}원 반환; 충당했던 {takenBack:N0}원은 다시 체납액이 됨 (지방세기본법 제60조)")
                : new($"{toHolder:N0} won returned to the account holder (Framework Act on Local Taxes, Art. 60)", $"계좌 명의인에게 {toHolder:N0}원 반환 (지방세기본법 제60조)"),
            SeizureDocumentKind.RefundNotice);
        return null;
    }

    private static string? RecordDistribution(Steps steps, SeizureCommand.RecordDistribution distribution)
    {
        var receipt = steps.State.Receipts.FirstOrDefault(r => r.TransferReference == distribution.TransferReference);
        if (receipt is null)
        {
            return $"no money was received under {distribution.TransferReference}";
        }

        if (receipt.Distributed)
        {
            return null;
        }

        if (distribution.Applied < 0 || distribution.Refunded < 0 || distribution.Applied + distribution.Refunded != receipt.Amount)
        {
            return $"{distribution.Applied:N0} applied and {distribution.Refunded:N0} refunded do not add up to the {receipt.Amount:N0} won received";
        }

        steps.Add(
            new ProceedsDistributed(receipt.TransferReference, receipt.Amount, distribution.Applied, distribution.Refunded),
            new(
                $"{distribution.Applied:N0} won applied to the debt in the legal order (Art. 4), {distribution.Refunded:N0} won refunded to the taxpayer (Art. 99)",
                $"{distribution.Applied:N0}원을 법정 순서에 따라 체납액에 충당 (제4조), {distribution.Refunded:N0}원을 체납자에게 환급 (제99조)"),
            SeizureDocumentKind.DistributionStatement);
        return null;
    }

    /// <summary>Takes, as the system, every step now due; stops where it must wait for the exchange, a deadline or a person.</summary>
    private static void Advance(Steps steps)
    {
        var (context, policy) = (steps.Context, steps.Policy);
        while (true)
        {
            var state = steps.State;
            if (!state.Opened || state.IsClosed || state.Pending.Count > 0)
            {
                return;
            }

            if (!state.Frozen || state.Released)
            {
                if (state.Held == 0 && state.ReturnDue is null)
                {
                    steps.System(new SeizureClosed(Outcome(state, steps.Remaining)), new("seizure closed", "압류 사건 종결"));
                }

                return;
            }

            var krw = Math.Floor(state.Krw);
            var sellable = SalePlanner.Value(state.Coins, context.Prices, policy) > 0;
            if (!state.Cancelled && !state.Rejected && steps.Remaining <= 0 && steps.NotInHand > 0 && (krw >= 1 || sellable))
            {
                // Covered only by what another seizure is still collecting: the release waits for
                // that money (Art. 63 asks for the debt paid, not promised), and this account pays
                // what it falls short by. The taxpayer tells this seizure when the money comes.
                return;
            }

            if (state.Cancelled || state.Rejected || steps.Remaining <= 0 || (krw < 1 && !sellable))
            {
                var why = state.Cancelled ? new Said("the seizure was cancelled", "압류가 취소됨")
                    : state.Rejected ? new Said("the seizure was rejected", "압류할 수 없음")
                    : steps.Remaining <= 0 ? new Said("the debt is paid or covered; release is mandatory (Art. 63)", "체납액이 납부되거나 충당됨; 압류를 해제해야 함 (제63조)")
                    : new Said("nothing more to collect from the account", "계좌에서 더 징수할 것이 없음");
                steps.Issue(ExchangeRequestKind.Release, new($"release requested: {why.English}", $"압류해제 요청: {why.Korean}"), SeizureDocumentKind.ReleaseNotice);
                continue;
            }

            if (state.CancellationRequest is not null)
            {
                // Nothing is collected from an account that may not be the taxpayer's.
                return;
            }

            if (krw >= 1)
            {
                var amount = (long)Math.Min(krw, steps.Remaining);
                steps.Issue(ExchangeRequestKind.RemitKrw, new($"collect {amount:N0} won held in the account directly", $"계좌에 있는 원화 {amount:N0}원을 직접 추심"), request: r => r with { Amount = amount });
                continue;
            }

            if (state.SaleWaitUntil is null)
            {
                var until = context.Now + policy.SaleWarningPeriod;
                steps.System(
                    new SaleWarned(until),
                    new($"taxpayer warned that the assets will be sold after {KoreaTime.Day(until)} (Art. 71(3))", $"{KoreaTime.Day(until)} 이후 자산을 매각한다고 체납자에게 예고 (제71조제3항)"),
                    SeizureDocumentKind.SaleWarning);
                continue;
            }

            if (context.Now < state.SaleWaitUntil)
            {
                return;
            }

            if (!state.SaleProposed)
            {
                steps.System(new SaleProposed(), new($"sale of assets to cover {steps.Remaining:N0} won proposed for approval", $"{steps.Remaining:N0}원 충당을 위한 자산 매각 승인 요청"));
                continue;
            }

            if (!state.SaleApproved)
            {
                return;
            }

            var orders = SalePlanner.Plan(state.Coins, context.Prices, steps.Remaining, policy);
            var covers = SalePlanner.ExpectedProceeds(orders, context.Prices, steps.Remaining, policy);
            var quantities = string.Join(", ", orders.Select(o => $"{o.Quantity} {o.Asset}"));
            steps.Issue(
                ExchangeRequestKind.Sell,
                covers < steps.Remaining
                    ? new(
                        $"sell {quantities}, all there is, expected to bring {covers:N0} of the {steps.Remaining:N0} won owed",
                        $"{quantities} 전량 매각; 체납액 {steps.Remaining:N0}원 중 {covers:N0}원 예상")
                    : new(
                        $"sell {quantities} to cover {steps.Remaining:N0} won with a {policy.SaleMargin:P0} margin; the rest is released",
                        $"{quantities} 매각으로 {steps.Remaining:N0}원 충당 (여유 {policy.SaleMargin:P0}); 나머지는 압류해제"),
                request: r => r with { Orders = orders, Amount = covers });
        }
    }

    private static SeizureOutcome Outcome(Seizure state, long remaining) =>
        state.Cancelled ? SeizureOutcome.Cancelled
        : state.Rejected ? SeizureOutcome.Rejected
        : remaining <= 0 ? SeizureOutcome.DebtSatisfied
        : SeizureOutcome.Exhausted;

    private static Seizure Answer(Seizure state, string requestId) => state with
    {
        Pending = state.Pending.Where(r => r.RequestId != requestId).ToArray(),
    };

    private static IReadOnlyList<Holding> AfterSale(IReadOnlyList<Holding> holdings, IReadOnlyList<SaleFill> fills) =>
        fills.Aggregate(holdings, (h, fill) => Adjust(Adjust(h, fill.Asset, -fill.Quantity), Seizure.KrwAsset, fill.Net));

    private static IReadOnlyList<Holding> Adjust(IReadOnlyList<Holding> holdings, string asset, decimal change)
    {
        var found = holdings.Any(h => h.Asset == asset);
        var adjusted = holdings.Select(h => h.Asset == asset ? h with { Total = h.Total + change, Locked = Math.Min(h.Locked, h.Total + change) } : h);
        return found ? adjusted.ToArray() : [.. adjusted, new Holding(asset, change, 0)];
    }

    /// <summary>Events decided so far, applied as they are added so that each step sees the one before.</summary>
    private sealed class Steps(Seizure state, SeizureContext context, SeizurePolicy policy)
    {
        public Seizure State { get; private set; } = state;

        public SeizureContext Context { get; } = context;

        public SeizurePolicy Policy { get; } = policy;

        /// <summary>The debt this seizure still has to cover: what the taxpayer owes less money held here and elsewhere and what other seizures are collecting.</summary>
        public long Remaining => Math.Max(0, Context.DebtToCover - State.Held);

        /// <summary>What stays owed once the money held here and elsewhere is applied, if nothing being collected elsewhere comes in.</summary>
        public long NotInHand => Math.Max(0, Context.DebtNotInHand - State.Held);

        public List<SeizureEvent> Events { get; } = [];

        public void Add(SeizureEvent @event, Said reason, SeizureDocumentKind? document = null) => Record(@event, Context.Actor, reason, document);

        public void System(SeizureEvent @event, Said reason, SeizureDocumentKind? document = null) => Record(@event, SeizureContext.SystemActor, reason, document);

        /// <summary>Puts a request to the exchange in the outbox, as the system unless a person's command issues it.</summary>
        public void Issue(ExchangeRequestKind kind, Said reason, SeizureDocumentKind? document = null, Func<ExchangeRequest, ExchangeRequest>? request = null, bool byActor = false)
        {
            var issued = new ExchangeRequest($"{State.SeizureId}#{State.Incarnation}.{State.RequestsIssued + 1}", kind, Context.Now);
            Record(new ExchangeRequestIssued(request?.Invoke(issued) ?? issued), byActor ? Context.Actor : SeizureContext.SystemActor, reason, document);
        }

        private void Record(SeizureEvent @event, string actor, Said reason, SeizureDocumentKind? document)
        {
            var stamped = @event with
            {
                At = Context.Now,
                Actor = actor,
                Reason = reason.English,
                KoreanReason = reason.Korean,
                Document = document is { } kind ? new SeizureDocument($"{State.SeizureId}/{State.DocumentsIssued + 1}", kind) : null,
            };
            State = Apply(State, stamped);
            Events.Add(stamped);
        }
    }
}
