using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Tracking.Domain;
using Tracking.Domain.Ledger;
using Tracking.Domain.Seizures;
using Tracking.Grains.Exchanges;
using Tracking.Grains.Persistence;
using Tracking.Grains.Taxpayers;
using Tracking.Storage.Views;

namespace Tracking.Grains.Seizures;

/// <summary>
/// Works one seizure through its lifecycle. Requests to the exchange wait in the state's outbox
/// (committed with the step that issued them) and are sent after the commit, and again — with
/// backoff after failures, after <see cref="SeizureOptions.ReplyDeadline"/> when accepted but
/// unanswered — until answered. Answers are matched to the one pending request, so repeats and
/// stragglers change nothing. One durable reminder, <see cref="SeizureReminders.Wake"/>, stands
/// while the seizure is open, due at its next deadline or resend; it is moved earlier before the
/// step that needs it commits, so a crash in between strands nothing.
/// </summary>
[GrainType(TypeName)]
public sealed partial class SeizureGrain(
    IExchangeGateway exchanges,
    SeizureOptions options,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time,
    ILogger<SeizureGrain> logger)
    : EventSourcedGrain<Seizure, SeizureEvent>, ISeizureGrain, IRemindable
{
    /// <summary>The type name its rows are stored under.</summary>
    public const string TypeName = "seizure";

    private static readonly IReadOnlyDictionary<string, decimal> s_noPrices = new Dictionary<string, decimal>();

    // What this activation has sent and how its reminder stands; after a restart nothing is known,
    // so the pending request is sent again (the exchange deduplicates) and the reminder set anew.
    private string? _sentRequest;
    private int _failures;
    private DateTimeOffset? _resendAt;
    private (bool Known, DateTimeOffset? At) _wake;
    private IGrainReminder? _wakeReminder;
    private bool _holdsConfirmed;

    private string Id => Key.Key;

    private string SystemActor => SeizureContext.SystemActor;

    private ITaxpayerGrain Taxpayer => GrainFactory.GetGrain<ITaxpayerGrain>(State.TaxpayerId);

    private SeizureView View => SeizureView.Of(State, Version);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        if (State.Opened && !State.IsClosed && State.Pending.Count > 0)
        {
            // Back after a silo stopped or died: ask the exchange again now rather than at the next deadline.
            this.RegisterGrainTimer(SettleAsync, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    public async Task<SeizureOpening> OpenAsync(string taxpayerId, string exchange, string accountId, Said basis, string actor, CancellationToken cancellationToken)
    {
        if (State.IsClosed)
        {
            // Opening the automatic matches again finds this case closed: its taxpayer, told so, is not to count it open again.
            return new SeizureOpening(false, View);
        }

        var wasOpen = State.Opened;
        var taxpayer = GrainFactory.GetGrain<ITaxpayerGrain>(taxpayerId);
        var debt = await taxpayer.AttachSeizureAsync(Id, cancellationToken);
        try
        {
            await DecideAsync(new SeizureCommand.Open(Id, taxpayerId, exchange, accountId, basis.English, Guid.NewGuid().ToString("N")[..12]) { KoreanBasis = basis.Korean }, actor, exchange, debt, cancellationToken);
        }
        catch when (!State.Opened)
        {
            // Refused, or its first write failed: the taxpayer is not to wait for a case that never opened.
            await taxpayer.DetachSeizureAsync(Id, cancellationToken);
            throw;
        }

        return new SeizureOpening(!wasOpen, await SettleAsync(cancellationToken));
    }

    public Task<SeizureView> RecordExchangeReplyAsync(ExchangeReply reply, string exchange, CancellationToken cancellationToken) =>
        State.Opened && exchange != State.Exchange
            ? throw new CommandRejectedException($"{exchange} answered for seizure {Id} at {State.Exchange}")
            : RunAsync(new SeizureCommand.RecordReply(reply), "exchange:" + exchange, cancellationToken);

    public Task<SeizureView> ApproveSaleAsync(string supervisor, CancellationToken cancellationToken) =>
        RunAsync(new SeizureCommand.ApproveSale(), supervisor, cancellationToken);

    public Task<SeizureView> RequestCancellationAsync(string reason, string actor, CancellationToken cancellationToken) =>
        RunAsync(new SeizureCommand.RequestCancellation(reason), actor, cancellationToken);

    public Task<SeizureView> ApproveCancellationAsync(string supervisor, CancellationToken cancellationToken) =>
        RunAsync(new SeizureCommand.ApproveCancellation(), supervisor, cancellationToken);

    public Task<SeizureView> ReviewAsync(CancellationToken cancellationToken) =>
        RunAsync(new SeizureCommand.Review(), SystemActor, cancellationToken);

    public async Task NudgeAsync()
    {
        if (State.Opened && !State.IsClosed)
        {
            await ReviewAsync(CancellationToken.None);
        }
    }

    public Task<SeizureView> GetAsync(CancellationToken cancellationToken) =>
        State.Opened ? Task.FromResult(View) : throw new CommandRejectedException($"there is no seizure {Id}");

    public Task<SeizureView?> GetIfOpenAsync(CancellationToken cancellationToken) =>
        Task.FromResult(State.Opened ? View : null);

    public async Task<IReadOnlyList<SeizureHistoryEntry>> GetHistoryAsync(CancellationToken cancellationToken) =>
        [.. (await ReadHistoryAsync(cancellationToken)).Select(e => new SeizureHistoryEntry(e.Version, e.RecordedAt, e.Event))];

    public Task ReceiveReminder(string reminderName, TickStatus status) => ReceiveReminder(reminderName, status, CancellationToken.None);

    public async Task ReceiveReminder(string reminderName, TickStatus status, CancellationToken cancellationToken)
    {
        if (!State.Opened || State.IsClosed)
        {
            // Any reminder of a closed seizure is a late one, or the wake its close left standing
            // when the taxpayer could not be told (its silo or this one died in between): told now.
            await TellTaxpayerClosedAsync(cancellationToken);
            await ClearReminderAsync(reminderName, cancellationToken);
            return;
        }

        if (reminderName == SeizureReminders.Wake)
        {
            // Whatever was sent is sent again unless answered; the reminder is set anew for what comes next.
            (_sentRequest, _wake) = (null, default);
            await WakeAsync(cancellationToken);
            return;
        }

        // A taxpayer's news is cleared once looked at: a review that fails leaves it to come again.
        if (await WakeAsync(cancellationToken))
        {
            await ClearReminderAsync(reminderName, cancellationToken);
        }
    }

    /// <summary>
    /// Looks at the case again; an exchange that cannot be reached now (its prices, say) is the
    /// exchange's trouble, not the case's: told as a warning, and looked at again at the next tick.
    /// </summary>
    private async Task<bool> WakeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ReviewAsync(cancellationToken);
            return true;
        }
        catch (ExchangeUnreachableException ex)
        {
            LogWakeDeferred(logger, Id, ex.Message);
            return false;
        }
    }

    /// <summary>Case pages read the history again and again; it is short, so the activation keeps it.</summary>
    protected override bool KeepsHistory => true;

    protected override Seizure CreateInitialState() => Seizure.New(this.GetPrimaryKeyString());

    protected override IEnumerable<GrainView> ViewsOf(Seizure state) => CaseRow.ViewsOf(state, options);

    private async Task<SeizureView> RunAsync(SeizureCommand command, string actor, CancellationToken cancellationToken)
    {
        if (!State.Opened)
        {
            throw new CommandRejectedException($"there is no seizure {Id}");
        }

        await DecideAsync(command, actor, State.Exchange, debt: null, cancellationToken);
        return await SettleAsync(cancellationToken);
    }

    /// <summary>
    /// Decides and commits one command; the taxpayer hears of money received and of the close.
    /// A step that collects money first reserves that debt at the taxpayer, so two seizures never
    /// collect the same won; granted less, the step is decided again for what was granted.
    /// </summary>
    private async Task DecideAsync(SeizureCommand command, string actor, string exchange, SeizureDebt? debt, CancellationToken cancellationToken)
    {
        var (debtToCover, notInHand) = debt ?? await Taxpayer.GetDebtToCoverAsync(Id, cancellationToken);
        var prices = NeedsPrices(command) ? await exchanges.GetPricesAsync(exchange, cancellationToken) : s_noPrices;
        Decision<SeizureEvent> decision;
        Seizure next;
        while (true)
        {
            var context = new SeizureContext(time.GetUtcNow(), actor, debtToCover, notInHand, prices);
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

            var granted = await Taxpayer.ReserveCoverAsync(Id, collecting.Amount, cancellationToken);
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

        await ArmWakeAsync(next, cancellationToken);
        var before = State;
        await WriteStateAsync(next, decision.Events, time.GetUtcNow(), cancellationToken);
        CollectionTelemetry.RecordTransitions(before, decision.Events);
        foreach (var received in decision.Events.OfType<ProceedsReceived>().Where(r => r.Amount > 0))
        {
            await Taxpayer.HoldProceedsAsync(Id, PaymentReference(received.TransferReference), received.Amount, cancellationToken);
        }

        if (State.IsClosed)
        {
            // Its taxpayer is told when the wake is cleared, after the turn (SyncWakeAsync).
            LogClosed(logger, Id, State.Outcome, State.Collected);
        }
    }

    /// <summary>Does what the committed state now calls for: money to give back, distributions due, the pending request; then sets the reminder for what comes next.</summary>
    private async Task<SeizureView> SettleAsync(CancellationToken cancellationToken)
    {
        await ConfirmHoldsAsync(cancellationToken);
        while (!State.IsClosed)
        {
            if (State.ReturnDue is { } returning)
            {
                var returned = await Taxpayer.ReturnProceedsAsync(Id, PaymentReference(returning.TransferReference), cancellationToken);
                await DecideAsync(new SeizureCommand.RecordReturn(returning.TransferReference, returned.TakenBack, returned.RefundedBefore), SystemActor, State.Exchange, debt: null, cancellationToken);
                continue;
            }

            if (State.DistributionDueAt(time.GetUtcNow()) is { } receipt)
            {
                var paid = await Taxpayer.ReceivePaymentAsync(PaymentReference(receipt.TransferReference), receipt.Amount, $"seizure {Id}", cancellationToken);
                await DecideAsync(new SeizureCommand.RecordDistribution(receipt.TransferReference, receipt.Amount - paid.Refund, paid.Refund), SystemActor, State.Exchange, debt: null, cancellationToken);
                continue;
            }

            if (State.Pending is not [var request] || request.RequestId == _sentRequest)
            {
                break;
            }

            _sentRequest = request.RequestId;
            var delivery = await exchanges.SendAsync(State.Exchange, State.AccountId, Id, request, cancellationToken);
            if (delivery.Reply is { } reply)
            {
                _failures = 0;
                await DecideAsync(new SeizureCommand.RecordReply(reply), "exchange:" + State.Exchange, State.Exchange, debt: null, cancellationToken);
                continue;
            }

            _failures = delivery.Accepted ? 0 : _failures + 1;
            _resendAt = time.GetUtcNow() + (delivery.Failure is null ? options.ReplyDeadline : options.RetryDelay(_failures));
            if (delivery.Failure is { } failure)
            {
                LogDeliveryFailed(logger, request.RequestId, failure, _failures);
            }

            break;
        }

        await SyncWakeAsync(cancellationToken);
        return View;
    }

    /// <summary>When the seizure must next act by itself: its next deadline, or sending its pending request again.</summary>
    private DateTimeOffset? WakeFor(Seizure seizure, DateTimeOffset? resendAt) =>
        !seizure.Opened || seizure.IsClosed ? null
        : new[] { seizure.NextDeadline, seizure.Pending.Count > 0 ? resendAt ?? time.GetUtcNow() + options.ReplyDeadline : null }.Min();

    /// <summary>Before a step commits: the reminder comes no later than the new state needs (a step that issues a request is answered or sent again).</summary>
    private async Task ArmWakeAsync(Seizure next, CancellationToken cancellationToken)
    {
        var issues = next.Pending.Any(r => !State.Pending.Contains(r));
        if (WakeFor(next, issues ? null : _resendAt) is { } needed && (!_wake.Known || _wake.At is null || needed < _wake.At))
        {
            await SetWakeAsync(needed, cancellationToken);
        }
    }

    /// <summary>After a turn: the reminder stands as the committed state needs, and none once closed and the taxpayer told so.</summary>
    private async Task SyncWakeAsync(CancellationToken cancellationToken)
    {
        var needed = WakeFor(State, _resendAt);
        if (_wake.Known && _wake.At == needed)
        {
            return;
        }

        if (needed is { } at)
        {
            await SetWakeAsync(at, cancellationToken);
        }
        else
        {
            // The wake is what brings a close the taxpayer missed to it again: it goes only once the taxpayer knows.
            await TellTaxpayerClosedAsync(cancellationToken);
            await ClearWakeAsync(cancellationToken);
            _wake = (true, null);
        }
    }

    /// <summary>A closed seizure's taxpayer counts it open no more (it may have been told already: telling again changes nothing).</summary>
    private async Task TellTaxpayerClosedAsync(CancellationToken cancellationToken)
    {
        if (State.IsClosed)
        {
            await Taxpayer.DetachSeizureAsync(Id, cancellationToken);
        }
    }

    private async Task SetWakeAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var due = at - time.GetUtcNow();
        _wakeReminder = await this.RegisterOrUpdateReminder(SeizureReminders.Wake, due < options.ReminderDelay ? options.ReminderDelay : due, options.WakeRetryPeriod, cancellationToken);
        _wake = (true, at);
    }

    /// <summary>The reminder as this activation last set it is removed without being read again; else it is looked up.</summary>
    private async Task ClearWakeAsync(CancellationToken cancellationToken)
    {
        if (_wakeReminder is { } known)
        {
            _wakeReminder = null;
            try
            {
                await this.UnregisterReminder(known, cancellationToken);
                return;
            }
            catch (ReminderException)
            {
                // Moved since this activation set it: removed below as it stands now.
            }
        }

        await ClearReminderAsync(SeizureReminders.Wake, cancellationToken);
    }

    private async Task ClearReminderAsync(string name, CancellationToken cancellationToken)
    {
        if (await this.GetReminder(name, cancellationToken) is { } reminder)
        {
            await this.UnregisterReminder(reminder, cancellationToken);
        }
    }

    private bool NeedsPrices(SeizureCommand command) =>
        command is SeizureCommand.RecordReply { Reply: ExchangeReply.Frozen frozen } && frozen.Holdings.Any(h => h.Asset != Seizure.KrwAsset && h.Total > 0)
        || (State.Frozen && !State.Released && !State.IsClosed && State.Coins.Any());

    private string PaymentReference(string transferReference) => ProceedsReference.Of(Id, transferReference);

    /// <summary>Once per activation: the taxpayer knows of every receipt not yet distributed (a crash may have come between).</summary>
    private async Task ConfirmHoldsAsync(CancellationToken cancellationToken)
    {
        if (_holdsConfirmed || !State.Opened)
        {
            return;
        }

        foreach (var receipt in State.Receipts.Where(r => !r.Distributed))
        {
            await Taxpayer.HoldProceedsAsync(Id, PaymentReference(receipt.TransferReference), receipt.Amount, cancellationToken);
        }

        _holdsConfirmed = true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId} could not be delivered ({Failure}); failure {Failures}, retried later")]
    private static partial void LogDeliveryFailed(ILogger logger, string requestId, string failure, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Seizure {SeizureId} looks again at its next tick: {Reason}")]
    private static partial void LogWakeDeferred(ILogger logger, string seizureId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seizure {SeizureId} closed: {Outcome}, {Collected} won collected")]
    private static partial void LogClosed(ILogger logger, string seizureId, SeizureOutcome? outcome, long collected);
}
