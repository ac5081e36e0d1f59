using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Timers;
using Tracking.Domain;
using Tracking.Domain.Ledger;
using Tracking.Domain.Matching;
using Tracking.Domain.Taxpayers;
using Tracking.Grains.Imports;
using Tracking.Grains.Matching;
using Tracking.Grains.Persistence;
using Tracking.Grains.Seizures;
using Tracking.Storage;
using Tracking.Storage.Views;

namespace Tracking.Grains.Taxpayers;

[GrainType(TaxpayerGrain.TypeName)]
public sealed class TaxpayerGrain(
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time,
    IReminderRegistry reminders,
    SeizureOptions seizures)
    : EventSourcedGrain<TaxpayerLedger, TaxpayerEvent>, ITaxpayerGrain
{
    /// <summary>The type name its rows are stored under.</summary>
    public const string TypeName = "taxpayer";

    protected override async Task OnLoadedAsync(CancellationToken cancellationToken)
    {
        // A ledger stored before it kept each payment's allocations has none (its JSON names only
        // references): rebuilt from its history, whose payments carry them.
        if (State.Payments is null)
        {
            var history = await ReadHistoryAsync(cancellationToken);
            Rebuilt(TaxpayerDecider.ApplyAll(CreateInitialState(), history.Select(e => e.Event)));
        }
    }

    public Task<RecordOutcome> RegisterAsync(TaxpayerProfile profile, IReadOnlyList<TaxItem> items, CancellationToken cancellationToken) =>
        DecidedAfreshOnConflictAsync(
            async () =>
            {
                var isNew = State.Profile is null;
                var (ledger, events) = Register(State, profile, items);
                await CommitAsync(ledger, events, cancellationToken, Creation(profile, items, DateTimeOffset.UnixEpoch).RecordHash);
                return events.Count == 0 ? RecordOutcome.Unchanged : isNew ? RecordOutcome.New : RecordOutcome.Changed;
            },
            cancellationToken);

    /// <summary>A never-written taxpayer as the roll describes it, for bulk creation; the same result as <see cref="RegisterAsync"/> on a new grain.</summary>
    public static Storage.Persistence.StateWrite Creation(TaxpayerProfile profile, IReadOnlyList<TaxItem> items, DateTimeOffset now)
    {
        var (ledger, events) = Register(TaxpayerLedger.Empty(profile.TaxpayerId), profile, items);
        return Creation(new GrainKey(TypeName, profile.TaxpayerId), ledger, events, ReviewRow.ViewsOf(ledger), MatchedFields.Of(ledger), now);
    }

    /// <summary>
    /// Whether the taxpayer stored as <paramref name="stored"/> would take the roll's record as no
    /// change, as <see cref="RegisterAsync"/> decides: an import need not call it. Anything in doubt
    /// (a ledger of an older shape, a record it would refuse) is left to the grain.
    /// </summary>
    public static bool TakesAsUnchanged(TaxpayerProfile profile, IReadOnlyList<TaxItem> items, Storage.Persistence.StoredState stored)
    {
        try
        {
            return Decidable(profile.TaxpayerId, stored) is { } ledger && Register(ledger, profile, items).Events.Count == 0;
        }
        catch (CommandRejectedException)
        {
            return false;
        }
    }

    public async Task<int> RecordCandidatesAsync(IReadOnlyList<MatchCandidate> candidates, CancellationToken cancellationToken)
    {
        var recorded = await DecidedAfreshOnConflictAsync(
            async () =>
            {
                var (ledger, events) = Record(State, candidates, time.GetUtcNow());
                await CommitAsync(ledger, events, cancellationToken);
                return events.Count;
            },
            cancellationToken);

        // A sweep calls on hundreds of thousands of taxpayers once: one without an open case goes
        // back to its stored state rather than hold its ledger in a silo's memory until collected.
        if (State.OpenSeizures.Count == 0)
        {
            DeactivateOnIdle();
        }

        return recorded;
    }

    /// <summary>
    /// The write that records <paramref name="candidates"/> with the taxpayer stored as
    /// <paramref name="stored"/>, decided as <see cref="RecordCandidatesAsync"/> decides, for a sweep
    /// to make beside the grain; null when there is nothing to write or the grain must decide (a
    /// ledger of an older shape, a candidate it would refuse).
    /// </summary>
    public static Storage.Persistence.StateWrite? Recording(string taxpayerId, Storage.Persistence.StoredState stored, IReadOnlyList<MatchCandidate> candidates, DateTimeOffset now)
    {
        if (Decidable(taxpayerId, stored) is not { } ledger)
        {
            return null;
        }

        try
        {
            var (recorded, events) = Record(ledger, candidates, now);
            return events.Count == 0 ? null
                : Change(new GrainKey(TypeName, taxpayerId), stored, recorded, events, ReviewRow.ViewsOf(recorded), MatchedFields.Of(recorded), now) with { KeepsRecordHash = events.All(LeavesRoll) };
        }
        catch (CommandRejectedException)
        {
            return null;
        }
    }

    /// <summary>
    /// The write that records <paramref name="candidates"/> with a taxpayer stored as its roll
    /// record's creation alone (<paramref name="row"/>: the first version, kept as its events),
    /// decided without reading them: such a ledger holds no candidate, review or seizure yet, so
    /// each candidate is new to it. Only when none of them goes to review, since a review row
    /// carries the taxpayer's debt (<see cref="ReviewRow"/>), which only the whole ledger tells.
    /// Null otherwise, and the ledger is read (<see cref="Recording"/>).
    /// </summary>
    public static Storage.Persistence.StateWrite? FirstRecording(string taxpayerId, Storage.Persistence.StoredRow row, IReadOnlyList<MatchCandidate> candidates, DateTimeOffset now)
    {
        if (row is not { Version: 1, KeepsState: false } || candidates.Any(c => c.Decision == MatchDecision.Review))
        {
            return null;
        }

        try
        {
            var (recorded, events) = Record(TaxpayerLedger.Empty(taxpayerId), candidates, now);
            return events.Count == 0 ? null
                : Appended(new GrainKey(TypeName, taxpayerId), row, events, ReviewRow.ViewsOf(recorded), now) with { KeepsRecordHash = events.All(LeavesRoll) };
        }
        catch (CommandRejectedException)
        {
            return null;
        }
    }

    public Task WithdrawCandidateAsync(string exchange, string accountId, string reason, CancellationToken cancellationToken) =>
        DecideAsync(new TaxpayerCommand.WithdrawCandidate(exchange, accountId, reason, time.GetUtcNow()), cancellationToken);

    public async Task<MatchCandidate> ReviewCandidateAsync(string exchange, string accountId, bool approve, string by, string reason, CancellationToken cancellationToken)
    {
        await DecideAsync(new TaxpayerCommand.ReviewCandidate(exchange, accountId, approve, by, reason, time.GetUtcNow()), cancellationToken);
        return State.Candidates.Single(c => c.Exchange == exchange && c.AccountId == accountId);
    }

    public Task<TaxpayerView> AssessAsync(IReadOnlyList<TaxItem> items, CancellationToken cancellationToken) =>
        DecidedAfreshOnConflictAsync(
            async () =>
            {
                var ledger = State;
                var events = new List<TaxpayerEvent>();
                foreach (var item in items)
                {
                    ledger = Accept(ledger, TaxpayerDecider.Decide(ledger, new TaxpayerCommand.AssessTaxItem(item)), events);
                }

                await CommitAsync(ledger, events, cancellationToken);
                return TaxpayerView.Of(State, Version);
            },
            cancellationToken);

    public Task<PaymentReceipt> ReceivePaymentAsync(string reference, long amount, string source, CancellationToken cancellationToken) =>
        DecidedAfreshOnConflictAsync(
            async () =>
            {
                var command = new TaxpayerCommand.ReceivePayment(reference, amount, source, time.GetUtcNow());
                var events = new List<TaxpayerEvent>();
                var ledger = Accept(State, TaxpayerDecider.Decide(State, command), events);

                // A seizure's distribution carries its proceeds reference; a payment from outside cannot (its reference has no '/').
                await CommitTellingSeizuresAsync(ledger, events, reference, State.OpenSeizures.FirstOrDefault(id => ProceedsReference.IsOf(id, reference)), cancellationToken);

                // Answered as the ledger applied it, now or before, so a retried distribution records the same split.
                var payment = State.Payment(reference)!;
                return new PaymentReceipt(reference, events.Count == 0, payment.Allocations, payment.Refund, State.Outstanding);
            },
            cancellationToken);

    public Task<ProceedsReturn> ReturnProceedsAsync(string seizureId, string reference, CancellationToken cancellationToken) =>
        DecidedAfreshOnConflictAsync(
            async () =>
            {
                var events = new List<TaxpayerEvent>();
                var ledger = Accept(State, TaxpayerDecider.Decide(State, new TaxpayerCommand.ReturnProceeds(seizureId, reference)), events);
                await CommitTellingSeizuresAsync(ledger, events, reference + "/returned", seizureId, cancellationToken);
                var returned = State.Payment(reference)!;
                return new ProceedsReturn(returned.Applied, returned.Refund);
            },
            cancellationToken);

    public async Task<SeizureDebt> AttachSeizureAsync(string seizureId, CancellationToken cancellationToken)
    {
        await DecideAsync(new TaxpayerCommand.AttachSeizure(seizureId), cancellationToken);
        return DebtOf(seizureId);
    }

    public Task<SeizureDebt> GetDebtToCoverAsync(string seizureId, CancellationToken cancellationToken) =>
        Task.FromResult(DebtOf(seizureId));

    public Task<long> HoldProceedsAsync(string seizureId, string reference, long amount, CancellationToken cancellationToken) =>
        DecidedAfreshOnConflictAsync(
            async () =>
            {
                var events = new List<TaxpayerEvent>();
                var ledger = Accept(State, TaxpayerDecider.Decide(State, new TaxpayerCommand.HoldProceeds(seizureId, reference, amount)), events);
                await CommitTellingSeizuresAsync(ledger, events, reference, seizureId, cancellationToken);
                return State.DebtToCoverFor(seizureId);
            },
            cancellationToken);

    public async Task<long> ReserveCoverAsync(string seizureId, long amount, CancellationToken cancellationToken)
    {
        await DecideCountingOnLessAsync(seizureId, new TaxpayerCommand.ReserveCover(seizureId, amount), cancellationToken);
        return ReservedBy(State, seizureId);
    }

    public Task<bool> DetachSeizureAsync(string seizureId, CancellationToken cancellationToken) =>
        DecideCountingOnLessAsync(seizureId, new TaxpayerCommand.DetachSeizure(seizureId), cancellationToken);

    public Task<TaxpayerView> GetAsync(CancellationToken cancellationToken) =>
        Task.FromResult(TaxpayerView.Of(State, Version));

    public async Task<IReadOnlyList<TaxpayerHistoryEntry>> GetHistoryAsync(CancellationToken cancellationToken) =>
        [.. (await ReadHistoryAsync(cancellationToken)).Select(e => new TaxpayerHistoryEntry(e.Version, e.RecordedAt, e.Event))];

    /// <summary>Officers' pages read the history again and again; the activation keeps it.</summary>
    protected override bool KeepsHistory => true;

    protected override TaxpayerLedger CreateInitialState() => TaxpayerLedger.Empty(this.GetPrimaryKeyString());

    protected override IEnumerable<GrainView> ViewsOf(TaxpayerLedger state) => ReviewRow.ViewsOf(state);

    protected override string? IndexedOf(TaxpayerLedger state) => MatchedFields.Of(state);

    protected override TaxpayerLedger FromEvents(IReadOnlyList<TaxpayerEvent> events) => Made(this.GetPrimaryKeyString(), events);

    protected override bool LeavesRecord(TaxpayerEvent e) => LeavesRoll(e);

    /// <summary>
    /// Whether <paramref name="e"/> leaves what the roll states (the profile and the items assessed)
    /// as it is: a candidate's news, or a seizure's. Payments are not listed (they change the items'
    /// balances): a taxpayer who paid has its state read at the next import.
    /// </summary>
    private static bool LeavesRoll(TaxpayerEvent e) => e is MatchCandidateRecorded or CandidateReviewed or CandidateWithdrawn or SeizureAttached or SeizureDetached;

    /// <summary>The ledger <paramref name="events"/> make of a new one.</summary>
    private static TaxpayerLedger Made(string taxpayerId, IReadOnlyList<TaxpayerEvent> events) =>
        TaxpayerDecider.ApplyAll(TaxpayerLedger.Empty(taxpayerId), events);

    private static (TaxpayerLedger Ledger, List<TaxpayerEvent> Events) Register(TaxpayerLedger state, TaxpayerProfile profile, IReadOnlyList<TaxItem> items)
    {
        var events = new List<TaxpayerEvent>();
        var ledger = Accept(state, TaxpayerDecider.Decide(state, new TaxpayerCommand.Register(profile)), events);
        foreach (var item in items)
        {
            ledger = Accept(ledger, TaxpayerDecider.Decide(ledger, new TaxpayerCommand.AssessTaxItem(item)), events);
        }

        return (ledger, events);
    }

    /// <summary>The ledger stored as <paramref name="stored"/>, for deciding beside the grain; null for one of an older shape, which only its grain rebuilds (from its history).</summary>
    private static TaxpayerLedger? Decidable(string taxpayerId, Storage.Persistence.StoredState stored) =>
        GrainStateJson.DeserializeState<TaxpayerLedger, TaxpayerEvent>(stored, events => Made(taxpayerId, events)) is { Payments: not null } ledger ? ledger : null;

    private static (TaxpayerLedger Ledger, List<TaxpayerEvent> Events) Record(TaxpayerLedger ledger, IReadOnlyList<MatchCandidate> candidates, DateTimeOffset now)
    {
        var events = new List<TaxpayerEvent>();
        foreach (var candidate in candidates)
        {
            ledger = Accept(ledger, TaxpayerDecider.Decide(ledger, new TaxpayerCommand.RecordCandidate(candidate with { FoundAt = candidate.FoundAt ?? now })), events);
        }

        return (ledger, events);
    }

    private static TaxpayerLedger Accept(TaxpayerLedger ledger, Decision<TaxpayerEvent> decision, List<TaxpayerEvent> events)
    {
        if (decision.Rejection is { } reason)
        {
            throw new CommandRejectedException(reason);
        }

        events.AddRange(decision.Events);
        return TaxpayerDecider.ApplyAll(ledger, decision.Events);
    }

    private SeizureDebt DebtOf(string seizureId) => new(State.DebtToCoverFor(seizureId), State.DebtNotInHandFor(seizureId));

    private static long ReservedBy(TaxpayerLedger ledger, string seizureId) => ledger.Reservations.FirstOrDefault(r => r.SeizureId == seizureId)?.Amount ?? 0;

    /// <summary>
    /// A change of what a seizure is collecting. When it counts on less than before, the other seizures
    /// waiting for that money (their debt was covered by it) are told, so that they collect the rest.
    /// </summary>
    private Task<bool> DecideCountingOnLessAsync(string seizureId, TaxpayerCommand command, CancellationToken cancellationToken) =>
        DecidedAfreshOnConflictAsync(
            async () =>
            {
                var events = new List<TaxpayerEvent>();
                var ledger = Accept(State, TaxpayerDecider.Decide(State, command), events);
                if (ReservedBy(ledger, seizureId) < ReservedBy(State, seizureId))
                {
                    await CommitTellingSeizuresAsync(ledger, events, $"{seizureId}/counts-on-less/{Version + 1}", seizureId, cancellationToken);
                }
                else
                {
                    await CommitAsync(ledger, events, cancellationToken);
                }

                return events.Count > 0;
            },
            cancellationToken);

    private Task<bool> DecideAsync(TaxpayerCommand command, CancellationToken cancellationToken) =>
        DecidedAfreshOnConflictAsync(
            async () =>
            {
                var events = new List<TaxpayerEvent>();
                var ledger = Accept(State, TaxpayerDecider.Decide(State, command), events);
                await CommitAsync(ledger, events, cancellationToken);
                return events.Count > 0;
            },
            cancellationToken);

    /// <param name="recordHash">The roll's record's hash, for its registration (<see cref="Storage.Persistence.StateWrite.RecordHash"/>).</param>
    private Task CommitAsync(TaxpayerLedger ledger, List<TaxpayerEvent> events, CancellationToken cancellationToken, long? recordHash = null) =>
        events.Count == 0 ? Task.CompletedTask : WriteStateAsync(ledger, events, time.GetUtcNow(), cancellationToken, recordHash);

    /// <summary>
    /// Commits a change of the debt, which every open seizure must look at again. Each is told at
    /// once, one way (a seizure may be waiting on this grain); and, so that a crash between the
    /// commit and the telling loses nothing, each first gets a reminder named for this change,
    /// which it clears when it has looked (two changes never merge into one look taken before the second).
    /// The seizure whose own call made the change (<paramref name="caller"/>) is not told: its own
    /// holds and reservations never count in its own debt, and it decides its next step with the debt
    /// read afresh. Should it stop before that step commits, whatever made it call comes again (its
    /// wake reminder, an exchange's answer sent again, a review reminder it clears only once it has
    /// looked, a person's request), so telling it would cost a reminder and a look for nothing.
    /// </summary>
    private async Task CommitTellingSeizuresAsync(TaxpayerLedger ledger, List<TaxpayerEvent> events, string change, string? caller, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        var open = ledger.OpenSeizures.Where(id => id != caller).Select(id => GrainFactory.GetGrain<ISeizureGrain>(id)).ToArray();
        await Task.WhenAll(open.Select(seizure =>
            reminders.RegisterOrUpdateReminder(seizure.GetGrainId(), SeizureReminders.ReviewPrefix + change, seizures.ReminderDelay, seizures.WakeRetryPeriod, cancellationToken)));

        await WriteStateAsync(ledger, events, time.GetUtcNow(), cancellationToken);
        foreach (var seizure in open)
        {
            await seizure.NudgeAsync();
        }
    }
}
