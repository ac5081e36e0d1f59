using Tracking.Domain;
using Tracking.Domain.Ledger;
using Tracking.Grains.Imports;
using Tracking.Runtime;

namespace Tracking.Grains.Taxpayers;

[GrainType("taxpayer")]
public sealed class TaxpayerGrain : Grain<TaxpayerLedger, TaxpayerEvent>, ITaxpayerGrain,
    IHandle<AssessTaxItems, TaxpayerView>,
    IHandle<ReceivePayment, PaymentReceipt>,
    IHandle<GetTaxpayer, TaxpayerView>,
    IHandle<GetTaxpayerHistory, IReadOnlyList<TaxpayerHistoryEntry>>,
    IHandle<RegisterTaxpayer, RecordOutcome>,
    IHandle<RecordTaxpayerCandidate, bool>
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
        return new GrainCreation<TaxpayerLedger, TaxpayerEvent>(message.Profile.TaxpayerId, ledger, events);
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

    public async Task<bool> HandleAsync(RecordTaxpayerCandidate message, CancellationToken cancellationToken)
    {
        var events = new List<TaxpayerEvent>();
        var ledger = Accept(State, TaxpayerDecider.Decide(State, new TaxpayerCommand.RecordCandidate(message.Candidate)), events);
        await CommitAsync(ledger, events, cancellationToken);
        return events.Count > 0;
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
        await CommitAsync(ledger, events, cancellationToken);
        return events is [PaymentApplied applied]
            ? new PaymentReceipt(applied.Reference, false, applied.Allocations, applied.Refund, State.Outstanding)
            : new PaymentReceipt(message.Reference, true, [], 0, State.Outstanding);
    }

    public Task<TaxpayerView> HandleAsync(GetTaxpayer message, CancellationToken cancellationToken) =>
        Task.FromResult(TaxpayerView.Of(State, Version));

    public async Task<IReadOnlyList<TaxpayerHistoryEntry>> HandleAsync(GetTaxpayerHistory message, CancellationToken cancellationToken) =>
        (await ReadHistoryAsync(cancellationToken)).Select(e => new TaxpayerHistoryEntry(e.Version, e.RecordedAt, e.Event)).ToArray();

    protected override TaxpayerLedger CreateInitialState() => TaxpayerLedger.Empty(Id.Key);

    private static TaxpayerLedger Accept(TaxpayerLedger ledger, Decision<TaxpayerEvent> decision, List<TaxpayerEvent> events)
    {
        if (decision.Rejection is { } reason)
        {
            throw new CommandRejectedException(reason);
        }

        events.AddRange(decision.Events);
        return TaxpayerDecider.ApplyAll(ledger, decision.Events);
    }

    private Task CommitAsync(TaxpayerLedger ledger, List<TaxpayerEvent> events, CancellationToken cancellationToken) =>
        events.Count == 0 ? Task.CompletedTask : WriteStateAsync(ledger, events, cancellationToken);
}
