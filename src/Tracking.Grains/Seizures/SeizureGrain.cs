using Microsoft.Extensions.Logging;
using Tracking.Domain;
using Tracking.Domain.Seizures;
using Tracking.Grains.Exchanges;
using Tracking.Grains.Taxpayers;
using Tracking.Runtime;
using Tracking.Runtime.Views;

namespace Tracking.Grains.Seizures;

/// <summary>
/// Works one seizure through its lifecycle. Requests to the exchange wait in the state's outbox
/// (committed with the step that issued them), are sent after the commit, and are sent again on
/// the <see cref="ExchangeReminder"/> — with backoff after failures, after
/// <see cref="SeizureOptions.ReplyDeadline"/> when accepted but unanswered — until answered.
/// Answers are matched to the one pending request, so repeats and stragglers change nothing.
/// Deadlines (end of the sale warning period, distribution dates) are the <see cref="DeadlineReminder"/>.
/// </summary>
[GrainType("seizure")]
public sealed partial class SeizureGrain(IExchangeGateway exchanges, SeizureOptions options, ILogger<SeizureGrain> logger)
    : Grain<Seizure, SeizureEvent>, ISeizureGrain, IRemindable,
    IHandle<OpenSeizure, SeizureOpening>,
    IHandle<RecordExchangeReply, SeizureView>,
    IHandle<ApproveSeizureSale, SeizureView>,
    IHandle<RequestSeizureCancellation, SeizureView>,
    IHandle<ApproveSeizureCancellation, SeizureView>,
    IHandle<ReviewSeizure, SeizureView>,
    IHandle<GetSeizure, SeizureView>,
    IHandle<GetSeizureIfOpen, SeizureView?>,
    IHandle<GetSeizureHistory, IReadOnlyList<SeizureHistoryEntry>>
{
    public const string ExchangeReminder = "exchange";
    public const string DeadlineReminder = "deadline";

    /// <summary>Reminders a taxpayer sets when the debt changes; each change has its own name.</summary>
    public const string ReviewReminderPrefix = "review:";

    private static readonly IReadOnlyDictionary<string, decimal> s_noPrices = new Dictionary<string, decimal>();

    // What this activation knows it has sent and which reminders stand; after a restart nothing is
    // known, so the first turn sends the pending request again (the exchange deduplicates) and
    // sets its reminders anew.
    private string? _sentRequest;
    private int _failures;
    private bool _exchangeReminderArmed;
    private bool _exchangeReminderMayExist = true;
    private (bool Known, DateTimeOffset? At) _deadlineReminder;
    private bool _holdsConfirmed;

    private string SystemActor => SeizureContext.SystemActor;

    public async Task<SeizureOpening> HandleAsync(OpenSeizure message, CancellationToken cancellationToken)
    {
        var wasOpen = State.Opened;
        var taxpayer = GrainFactory.Get<ITaxpayerGrain>(message.TaxpayerId);
        var debt = await taxpayer.CallAsync(new AttachSeizure(Id.Key), cancellationToken);
        try
        {
            await DecideAsync(new SeizureCommand.Open(Id.Key, message.TaxpayerId, message.Exchange, message.AccountId, message.Basis, Guid.NewGuid().ToString("N")[..12]), message.Actor, message.Exchange, debt, cancellationToken);
        }
        catch (CommandRejectedException) when (!State.Opened)
        {
            await taxpayer.CallAsync(new DetachSeizure(Id.Key), cancellationToken);
            throw;
        }

        return new SeizureOpening(!wasOpen, await SettleAsync(cancellationToken));
    }

    public Task<SeizureView> HandleAsync(RecordExchangeReply message, CancellationToken cancellationToken) =>
        RunAsync(new SeizureCommand.RecordReply(message.Reply), "exchange:" + message.Exchange, cancellationToken);

    public Task<SeizureView> HandleAsync(ApproveSeizureSale message, CancellationToken cancellationToken) =>
        RunAsync(new SeizureCommand.ApproveSale(), message.Supervisor, cancellationToken);

    public Task<SeizureView> HandleAsync(RequestSeizureCancellation message, CancellationToken cancellationToken) =>
        RunAsync(new SeizureCommand.RequestCancellation(message.Reason), message.Actor, cancellationToken);

    public Task<SeizureView> HandleAsync(ApproveSeizureCancellation message, CancellationToken cancellationToken) =>
        RunAsync(new SeizureCommand.ApproveCancellation(), message.Supervisor, cancellationToken);

    public Task<SeizureView> HandleAsync(ReviewSeizure message, CancellationToken cancellationToken) =>
        RunAsync(new SeizureCommand.Review(), SystemActor, cancellationToken);

    public Task<SeizureView> HandleAsync(GetSeizure message, CancellationToken cancellationToken) =>
        State.Opened ? Task.FromResult(View) : throw new CommandRejectedException($"there is no seizure {Id.Key}");

    public Task<SeizureView?> HandleAsync(GetSeizureIfOpen message, CancellationToken cancellationToken) =>
        Task.FromResult(State.Opened ? View : null);

    public async Task<IReadOnlyList<SeizureHistoryEntry>> HandleAsync(GetSeizureHistory message, CancellationToken cancellationToken) =>
        (await ReadHistoryAsync(cancellationToken)).Select(e => new SeizureHistoryEntry(e.Version, e.RecordedAt, e.Event)).ToArray();

    public async Task ReceiveReminderAsync(string name, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        if (!State.Opened || State.IsClosed)
        {
            // A nudge that came late: the closing step cleared this seizure's own reminders.
            return;
        }

        if (name == ExchangeReminder)
        {
            _exchangeReminderArmed = _exchangeReminderMayExist = false;
            _sentRequest = null;
            await SettleAsync(cancellationToken);
        }
        else
        {
            if (name == DeadlineReminder)
            {
                _deadlineReminder = default;
            }

            await RunAsync(new SeizureCommand.Review(), SystemActor, cancellationToken);
        }
    }

    protected override Seizure CreateInitialState() => Seizure.New(Id.Key);

    protected override IEnumerable<GrainView> ViewsOf(Seizure state) => CaseRow.ViewsOf(state);

    private SeizureView View => SeizureView.Of(State, Version);

    private GrainReference<ITaxpayerGrain> Taxpayer => GrainFactory.Get<ITaxpayerGrain>(State.TaxpayerId);

    private async Task<SeizureView> RunAsync(SeizureCommand command, string actor, CancellationToken cancellationToken)
    {
        if (!State.Opened)
        {
            throw new CommandRejectedException($"there is no seizure {Id.Key}");
        }

        await DecideAsync(command, actor, State.Exchange, debt: null, cancellationToken);
        return await SettleAsync(cancellationToken);
    }

    /// <summary>
    /// Decides and commits one command; the taxpayer hears of money received and of the close.
    /// A step that collects money first reserves that debt at the taxpayer, so two seizures never
    /// collect the same won; granted less, the step is decided again for what was granted.
    /// </summary>
    private async Task DecideAsync(SeizureCommand command, string actor, string exchange, long? debt, CancellationToken cancellationToken)
    {
        var debtToCover = debt ?? await Taxpayer.CallAsync(new GetDebtToCover(Id.Key), cancellationToken);
        var prices = NeedsPrices(command) ? await exchanges.GetPricesAsync(exchange, cancellationToken) : s_noPrices;
        Decision<SeizureEvent> decision;
        Seizure next;
        while (true)
        {
            var context = new SeizureContext(TimeProvider.GetUtcNow(), actor, debtToCover, prices);
            decision = SeizureDecider.Decide(State, command, context, options.Policy);
            if (decision.Rejection is { } rejection)
            {
                throw new CommandRejectedException(rejection);
            }

            next = SeizureDecider.ApplyAll(State, decision.Events);
            if (decision.Events.OfType<ExchangeRequestIssued>().Select(e => e.Request).FirstOrDefault(r => r.Collects) is not { } collecting)
            {
                break;
            }

            var granted = await Taxpayer.CallAsync(new ReserveCover(Id.Key, collecting.Amount), cancellationToken);
            if (granted >= collecting.Amount)
            {
                break;
            }

            debtToCover = granted + next.Held;
        }

        if (decision.Events.Count == 0)
        {
            return;
        }

        var (reminders, committed) = ReminderUpdates(next);
        var before = State;
        await WriteStateAsync(next, decision.Events, reminders, cancellationToken);
        committed();
        CollectionTelemetry.RecordTransitions(before, decision.Events);
        foreach (var received in decision.Events.OfType<ProceedsReceived>().Where(r => r.Amount > 0))
        {
            await Taxpayer.CallAsync(new HoldProceeds(Id.Key, PaymentReference(received.TransferReference), received.Amount), cancellationToken);
        }

        if (State.IsClosed)
        {
            await Taxpayer.CallAsync(new DetachSeizure(Id.Key), cancellationToken);
            LogClosed(logger, Id.Key, State.Outcome, State.Collected);
        }
    }

    /// <summary>
    /// The reminders a new state needs, committed with it: a new request in the outbox is sent
    /// again unless answered (so a crash right after the commit strands nothing); deadlines move
    /// with the state; a closed seizure keeps none.
    /// </summary>
    private (List<ReminderUpdate> Updates, Action Committed) ReminderUpdates(Seizure next)
    {
        var updates = new List<ReminderUpdate>();
        var exchange = (Armed: _exchangeReminderArmed, MayExist: _exchangeReminderMayExist);
        if (next.Pending.Any(r => !State.Pending.Contains(r)) && !next.IsClosed)
        {
            updates.Add(ReminderUpdate.Set(ExchangeReminder, options.ReplyDeadline));
            exchange = (true, true);
        }
        else if ((next.Pending.Count == 0 || next.IsClosed) && _exchangeReminderMayExist)
        {
            updates.Add(ReminderUpdate.Clear(ExchangeReminder));
            exchange = (false, false);
        }

        var deadline = next.IsClosed ? null : next.NextDeadline;
        var deadlineReminder = _deadlineReminder;
        if (!_deadlineReminder.Known || _deadlineReminder.At != deadline)
        {
            updates.Add(deadline is { } at ? ReminderUpdate.SetAt(DeadlineReminder, at) : ReminderUpdate.Clear(DeadlineReminder));
            deadlineReminder = (true, deadline);
        }

        return (updates, () => ((_exchangeReminderArmed, _exchangeReminderMayExist), _deadlineReminder) = (exchange, deadlineReminder));
    }

    /// <summary>Does what the committed state now calls for: distributions due, the pending request, the next deadline.</summary>
    private async Task<SeizureView> SettleAsync(CancellationToken cancellationToken)
    {
        await ConfirmHoldsAsync(cancellationToken);
        while (!State.IsClosed)
        {
            if (State.DistributionDueAt(TimeProvider.GetUtcNow()) is { } receipt)
            {
                var paid = await Taxpayer.CallAsync(new ReceivePayment(PaymentReference(receipt.TransferReference), receipt.Amount, $"seizure {Id.Key}"), cancellationToken);
                await DecideAsync(new SeizureCommand.RecordDistribution(receipt.TransferReference, receipt.Amount - paid.Refund, paid.Refund), SystemActor, State.Exchange, debt: null, cancellationToken);
                continue;
            }

            if (State.Pending is not [var request] || request.RequestId == _sentRequest)
            {
                break;
            }

            _sentRequest = request.RequestId;
            var delivery = await exchanges.SendAsync(State.Exchange, State.AccountId, Id.Key, request, cancellationToken);
            if (delivery.Reply is { } reply)
            {
                _failures = 0;
                await DecideAsync(new SeizureCommand.RecordReply(reply), "exchange:" + State.Exchange, State.Exchange, debt: null, cancellationToken);
                continue;
            }

            _failures = delivery.Accepted ? 0 : _failures + 1;
            if (delivery.Failure is { } failure)
            {
                LogDeliveryFailed(logger, request.RequestId, failure, _failures);
                await RegisterReminderAsync(ExchangeReminder, options.RetryDelay(_failures), null, cancellationToken);
                _exchangeReminderArmed = false;
            }
            else if (!_exchangeReminderArmed)
            {
                await RegisterReminderAsync(ExchangeReminder, options.ReplyDeadline, null, cancellationToken);
                _exchangeReminderArmed = true;
            }

            _exchangeReminderMayExist = true;
            break;
        }

        await SyncDeadlineAsync(cancellationToken);
        return View;
    }

    private bool NeedsPrices(SeizureCommand command) =>
        command is SeizureCommand.RecordReply { Reply: ExchangeReply.Frozen }
        || (State.Frozen && !State.Released && !State.IsClosed && State.Coins.Any());

    private string PaymentReference(string transferReference) => $"{Id.Key}/{transferReference}";

    /// <summary>Once per activation: the taxpayer knows of every receipt not yet distributed (a crash may have come between).</summary>
    private async Task ConfirmHoldsAsync(CancellationToken cancellationToken)
    {
        if (_holdsConfirmed || !State.Opened)
        {
            return;
        }

        foreach (var receipt in State.Receipts.Where(r => !r.Distributed))
        {
            await Taxpayer.CallAsync(new HoldProceeds(Id.Key, PaymentReference(receipt.TransferReference), receipt.Amount), cancellationToken);
        }

        _holdsConfirmed = true;
    }

    /// <summary>After a turn that committed nothing (a reminder fired early, a restart): the deadline reminder stands as the state needs.</summary>
    private async Task SyncDeadlineAsync(CancellationToken cancellationToken)
    {
        var deadline = State.IsClosed ? null : State.NextDeadline;
        if (_deadlineReminder.Known && _deadlineReminder.At == deadline)
        {
            return;
        }

        if (deadline is { } at)
        {
            await RegisterReminderAtAsync(DeadlineReminder, at, cancellationToken);
        }
        else
        {
            await UnregisterReminderAsync(DeadlineReminder, cancellationToken);
        }

        _deadlineReminder = (true, deadline);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId} could not be delivered ({Failure}); failure {Failures}, retried later")]
    private static partial void LogDeliveryFailed(ILogger logger, string requestId, string failure, int failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seizure {SeizureId} closed: {Outcome}, {Collected} won collected")]
    private static partial void LogClosed(ILogger logger, string seizureId, SeizureOutcome? outcome, long collected);
}
