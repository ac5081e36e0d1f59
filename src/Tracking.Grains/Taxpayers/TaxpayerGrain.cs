using Tracking.Domain;
using Tracking.Domain.Ledger;
using Tracking.Domain.Matching;
using Tracking.Grains.Imports;
using Tracking.Grains.Seizures;
using Tracking.Runtime;
using Tracking.Runtime.Views;

namespace Tracking.Grains.Taxpayers;

[GrainType("taxpayer")]
public sealed class TaxpayerGrain : Grain<TaxpayerLedger, TaxpayerEvent>, ITaxpayerGrain,
    IHandle<AssessTaxItems, TaxpayerView>,
    IHandle<ReceivePayment, PaymentReceipt>,
    IHandle<GetTaxpayer, TaxpayerView>,
    IHandle<GetTaxpayerHistory, IReadOnlyList<TaxpayerHistoryEntry>>,
    IHandle<RegisterTaxpayer, RecordOutcome>,
    IHandle<RecordTaxpayerCandidate, bool>,
    IHandle<ReviewMatchCandidate, MatchCandidate>,
    IHandle<AttachSeizure, long>,
    IHandle<GetDebtToCover, long>,
    IHandle<HoldProceeds, long>,
    IHandle<DetachSeizure, bool>,
    IHandle<ReserveCover, long>
{
    public async Task<RecordOutcome> HandleAsync(RegisterTaxpayer message, CancellationToken cancellationToken)
    {
        var isNew = State.Profile is null;
        var (ledger, events) = Register(State, message);
        await CommitAsync(ledger, events, cancellationToken);
        return events.Count == 0 ? RecordOutcome.Unchanged : isNew ? RecordOutcome.New : RecordOutcome.Changed;
    }

    /// <summary>A never-written taxpayer as the roll describes it, for bulk creation; the same result as <see cref="RegisterTaxpayer"/> on a new grain.</summary>
    public static GrainCreation<TaxpayerLedger, TaxpayerEvent> Creation(RegisterTaxpayer message)
    {
        var (ledger, events) = Register(TaxpayerLedger.Empty(message.Profile.TaxpayerId), message);
        return new GrainCreation<TaxpayerLedger, TaxpayerEvent>(message.Profile.TaxpayerId, ledger, events) { Views = [.. ReviewRow.ViewsOf(ledger)] };
    }

    private static (TaxpayerLedger Ledger, List<TaxpayerEvent> Events) Register(TaxpayerLedger state, RegisterTaxpayer message)
    {
        var events = new List<TaxpayerEvent>();
        var ledger = Accept(state, TaxpayerDecider.Decide(state, new TaxpayerCommand.Register(message.Profile)), events);
        foreach (var item in message.Items)
        {
            ledger = Accept(ledger, TaxpayerDecider.Decide(ledger, new TaxpayerCommand.AssessTaxItem(item)), events);
        }

        return (ledger, events);
    }

    public Task<bool> HandleAsync(RecordTaxpayerCandidate message, CancellationToken cancellationToken) =>
        DecideAsync(new TaxpayerCommand.RecordCandidate(message.Candidate), cancellationToken);

    public async Task<MatchCandidate> HandleAsync(ReviewMatchCandidate message, CancellationToken cancellationToken)
    {
        await DecideAsync(new TaxpayerCommand.ReviewCandidate(message.Exchange, message.AccountId, message.Approve, message.By, message.Reason, TimeProvider.GetUtcNow()), cancellationToken);
        return State.Candidates.Single(c => c.Exchange == message.Exchange && c.AccountId == message.AccountId);
    }

    public async Task<TaxpayerView> HandleAsync(AssessTaxItems message, CancellationToken cancellationToken)
    {
        var ledger = State;
        var events = new List<TaxpayerEvent>();
        foreach (var item in message.Items)
        {
            var decision = TaxpayerDecider.Decide(ledger, new TaxpayerCommand.AssessTaxItem(item));
            ledger = Accept(ledger, decision, events);
        }

        await CommitAsync(ledger, events, cancellationToken);
        return TaxpayerView.Of(State, Version);
    }

    public async Task<PaymentReceipt> HandleAsync(ReceivePayment message, CancellationToken cancellationToken)
    {
        var command = new TaxpayerCommand.ReceivePayment(message.Reference, message.Amount, message.Source, TimeProvider.GetUtcNow());
        var events = new List<TaxpayerEvent>();
        var ledger = Accept(State, TaxpayerDecider.Decide(State, command), events);
        await CommitAsync(ledger, events, Nudges(message.Reference), cancellationToken);
        if (events is [PaymentApplied applied])
        {
            return new PaymentReceipt(applied.Reference, false, applied.Allocations, applied.Refund, State.Outstanding);
        }

        // Applied before: answer as it was applied then, so a retried distribution records the same split.
        var history = await ReadHistoryAsync(cancellationToken);
        var earlier = history.Select(e => e.Event).OfType<PaymentApplied>().Single(p => p.Reference == message.Reference);
        return new PaymentReceipt(message.Reference, true, earlier.Allocations, earlier.Refund, State.Outstanding);
    }

    public async Task<long> HandleAsync(AttachSeizure message, CancellationToken cancellationToken)
    {
        await DecideAsync(new TaxpayerCommand.AttachSeizure(message.SeizureId), cancellationToken);
        return State.DebtToCoverFor(message.SeizureId);
    }

    public Task<long> HandleAsync(GetDebtToCover message, CancellationToken cancellationToken) =>
        Task.FromResult(State.DebtToCoverFor(message.SeizureId));

    public async Task<long> HandleAsync(HoldProceeds message, CancellationToken cancellationToken)
    {
        await DecideAsync(new TaxpayerCommand.HoldProceeds(message.SeizureId, message.Reference, message.Amount), cancellationToken, Nudges(message.Reference));
        return State.DebtToCoverFor(message.SeizureId);
    }

    public async Task<long> HandleAsync(ReserveCover message, CancellationToken cancellationToken)
    {
        await DecideAsync(new TaxpayerCommand.ReserveCover(message.SeizureId, message.Amount), cancellationToken);
        return State.Reservations.FirstOrDefault(r => r.SeizureId == message.SeizureId)?.Amount ?? 0;
    }

    public Task<bool> HandleAsync(DetachSeizure message, CancellationToken cancellationToken) =>
        DecideAsync(new TaxpayerCommand.DetachSeizure(message.SeizureId), cancellationToken);

    public Task<TaxpayerView> HandleAsync(GetTaxpayer message, CancellationToken cancellationToken) =>
        Task.FromResult(TaxpayerView.Of(State, Version));

    public async Task<IReadOnlyList<TaxpayerHistoryEntry>> HandleAsync(GetTaxpayerHistory message, CancellationToken cancellationToken) =>
        (await ReadHistoryAsync(cancellationToken)).Select(e => new TaxpayerHistoryEntry(e.Version, e.RecordedAt, e.Event)).ToArray();

    protected override TaxpayerLedger CreateInitialState() => TaxpayerLedger.Empty(Id.Key);

    protected override IEnumerable<GrainView> ViewsOf(TaxpayerLedger state) => ReviewRow.ViewsOf(state);

    private static TaxpayerLedger Accept(TaxpayerLedger ledger, Decision<TaxpayerEvent> decision, List<TaxpayerEvent> events)
    {
        if (decision.Rejection is { } reason)
        {
            throw new CommandRejectedException(reason);
        }

        events.AddRange(decision.Events);
        return TaxpayerDecider.ApplyAll(ledger, decision.Events);
    }

    private async Task<bool> DecideAsync(TaxpayerCommand command, CancellationToken cancellationToken, IReadOnlyList<ReminderUpdate>? reminders = null)
    {
        var events = new List<TaxpayerEvent>();
        var ledger = Accept(State, TaxpayerDecider.Decide(State, command), events);
        await CommitAsync(ledger, events, reminders ?? [], cancellationToken);
        return events.Count > 0;
    }

    /// <summary>
    /// When the debt changes, every open seizure looks again: through one-off reminders committed
    /// with the change, named for it so that two changes never merge into one look taken before the second.
    /// </summary>
    private ReminderUpdate[] Nudges(string change) =>
        [.. State.OpenSeizures.Select(s => ReminderUpdate.Nudge(GrainFactory.Get<ISeizureGrain>(s), SeizureGrain.ReviewReminderPrefix + change))];

    private Task CommitAsync(TaxpayerLedger ledger, List<TaxpayerEvent> events, CancellationToken cancellationToken) =>
        CommitAsync(ledger, events, [], cancellationToken);

    private Task CommitAsync(TaxpayerLedger ledger, List<TaxpayerEvent> events, IReadOnlyList<ReminderUpdate> reminders, CancellationToken cancellationToken) =>
        events.Count == 0 ? Task.CompletedTask : WriteStateAsync(ledger, events, reminders, cancellationToken);
}
