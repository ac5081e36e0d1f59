using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Tracking.Storage;
using Tracking.Storage.Persistence;
using Tracking.Storage.Views;

namespace Tracking.Grains.Persistence;

/// <summary>
/// An Orleans grain whose every state change is explained by events, kept in Tracking's store: the
/// new state, its events and the read-model rows derived from it commit in one transaction, or not
/// at all, checked against the version the activation read (its ETag). Writes of many grains are
/// group-committed. A write that lost to another writer throws Orleans'
/// <see cref="InconsistentStateException"/>, so Orleans drops this activation and the next call
/// reloads; nothing is applied twice. A command run through <see cref="DecidedAfreshOnConflictAsync"/>
/// instead reads the state again and decides once more.
/// </summary>
public abstract class EventSourcedGrain<TState, TEvent> : Grain, IIncomingGrainCallFilter
    where TState : class
    where TEvent : class
{
    /// <summary>Tries of a command decided afresh on a conflict: a writer beside a grain writes it once per sweep, so a second try is the rule.</summary>
    private const int ConflictAttempts = 3;

    private GrainStateStore? _store;
    private TState? _state;

    // The rows this activation last wrote; unknown (null) in a new activation, so its first write sends them.
    private IReadOnlyList<ViewRow>? _views;

    // Calls of this activation under way, interleaved ones included; turns are single-threaded.
    private int _running;

    // The history as stored, once read by a grain that keeps it (KeepsHistory); each write appends its events.
    private List<GrainEvent<TEvent>>? _history;

    protected TState State => _state ?? throw new InvalidOperationException("State is not loaded yet.");

    /// <summary>The stored version this activation last read or wrote; 0 while nothing is stored.</summary>
    protected long Version { get; private set; }

    /// <summary>This grain as the store knows it: its type name and key.</summary>
    protected GrainKey Key { get; private set; }

    private GrainStateStore Store => _store ?? throw new InvalidOperationException("The grain is not activated yet.");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _store = ServiceProvider.GetRequiredService<GrainStateStore>();
        Key = new GrainKey(this.GetGrainId().Type.ToString()!, this.GetPrimaryKeyString());
        await LoadAsync(cancellationToken);
    }

    /// <summary>Runs once the state is read, at activation and when it is read again after a conflict.</summary>
    protected virtual Task OnLoadedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Puts a state rebuilt from the history in place of one stored in an older shape; its version stays.</summary>
    protected void Rebuilt(TState state) => _state = state;

    /// <summary>
    /// A grain that holds nothing once its calls are done (an id nobody created) keeps no
    /// activation, so that asking for unknown ids costs no memory, and a bulk load that creates it
    /// meets no stale copy. While another call runs, or work the grain started (<see cref="IsWorking"/>),
    /// the activation stays.
    /// </summary>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        _running++;
        try
        {
            await context.Invoke();
        }
        finally
        {
            _running--;
        }

        if (Version == 0 && _running == 0 && !IsWorking)
        {
            DeactivateOnIdle();
        }
    }

    /// <summary>Whether the grain has work under way beyond its calls (a run it started), which keeps it active.</summary>
    protected virtual bool IsWorking => false;

    /// <summary>
    /// Whether the activation keeps its history in memory once read, so that reading it again (a case
    /// page, a repeated payment) costs no store read. Off by default: a grain whose history is long
    /// and read once at activation (a match shard) would hold it twice.
    /// </summary>
    protected virtual bool KeepsHistory => false;

    /// <summary>The state of a grain that has never been written.</summary>
    protected abstract TState CreateInitialState();

    /// <summary>
    /// The state a grain stored as its events alone has (<see cref="Creation"/>, and each <see cref="Change"/>
    /// beside it since): what they make of a new one. A grain type created that way overrides it.
    /// </summary>
    protected virtual TState FromEvents(IReadOnlyList<TEvent> events) =>
        throw new InvalidOperationException($"{GetType().Name} {Key} is stored without its state, and its type is never created so.");

    /// <summary>The read-model rows this grain keeps for <paramref name="state"/>, written with it; null (the default) for none.</summary>
    protected virtual IEnumerable<GrainView>? ViewsOf(TState state) => null;

    /// <summary>
    /// Whether <paramref name="e"/> leaves what an input record states as it is, so that taking the
    /// record would decide after it as before, and a write of such events alone keeps the record's
    /// hash (<see cref="StateWrite.KeepsRecordHash"/>). False by default: an event not known to leave
    /// it clears the hash, and the next import reads the grain's state to tell.
    /// </summary>
    protected virtual bool LeavesRecord(TEvent e) => false;

    /// <summary>The fields other records are matched on (<see cref="StateWrite.Indexed"/>); null (the default) for a grain nothing is matched to.</summary>
    protected virtual string? IndexedOf(TState state) => null;

    /// <summary>
    /// Durably replaces the state and appends <paramref name="events"/>, with the read-model rows of
    /// the new state, at <paramref name="now"/>. Throws <see cref="InconsistentStateException"/> if
    /// another activation wrote first (this one is then dropped). <paramref name="recordHash"/>: the
    /// input record's hash, when taking that record in is all this write does (<see cref="StateWrite.RecordHash"/>).
    /// </summary>
    protected async Task WriteStateAsync(TState newState, IReadOnlyList<TEvent> events, DateTimeOffset now, CancellationToken cancellationToken, long? recordHash = null)
    {
        // Whole milliseconds, as every store keeps them: a history kept in memory reads as a reloaded one does.
        now = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        var write = Write(Key, Version, newState, events, now, ViewsOf(newState), _views) with
        {
            Indexed = IndexedOf(newState),
            RecordHash = recordHash,
            KeepsRecordHash = recordHash is null && events.All(LeavesRecord),
        };
        try
        {
            Version = await Store.WriteAsync(write, cancellationToken);
        }
        catch (WriteConflictException ex)
        {
            throw new InconsistentStateException(ex.Message, storedEtag: null, currentEtag: Version.ToString(System.Globalization.CultureInfo.InvariantCulture), ex);
        }

        _state = newState;
        _views = write.Views ?? _views;
        for (var i = 0; _history is not null && i < events.Count; i++)
        {
            _history.Add(new GrainEvent<TEvent>(Version, i, now, events[i]));
        }
    }

    /// <summary>
    /// Runs <paramref name="command"/>, which decides from <see cref="State"/> and writes. Should the
    /// store refuse the write because the state was written beside this activation since it was
    /// read (a sweep records candidates beside the grains nobody has active, and an officer may
    /// open one meanwhile), the state is read again and the command decided afresh, up to
    /// <see cref="ConflictAttempts"/> times in all, so the caller never sees the conflict. Only for
    /// commands whose effects before their write may repeat.
    /// </summary>
    protected async Task<T> DecidedAfreshOnConflictAsync<T>(Func<Task<T>> command, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await command();
            }
            catch (InconsistentStateException ex) when (ex.InnerException is WriteConflictException && attempt < ConflictAttempts)
            {
                await LoadAsync(cancellationToken);
            }
        }
    }

    /// <summary>
    /// A first write of a grain from an input record, for loading many at once straight into the
    /// store (it succeeds only if the grain was never written), with the record's hash
    /// (<see cref="RecordHash"/>). A store may keep its events without a copy of the state
    /// they make (<see cref="StateWrite.StateToKeep"/>); the grain then makes its state from
    /// them (<see cref="FromEvents"/>), changes written beside it since included, until it writes a state.
    /// </summary>
    public static StateWrite Creation(GrainKey grain, TState state, IReadOnlyList<TEvent> events, IEnumerable<GrainView>? views, string? indexed, DateTimeOffset now)
    {
        if (events.Count == 0)
        {
            throw new ArgumentException($"{grain} would be created without an event to make its state from.", nameof(events));
        }

        var write = KeptAsEvents(grain, 0, state, events, now);
        return write with { Views = GrainStateJson.SerializeViews(views), Indexed = indexed, RecordHash = Imports.RecordHash.Of(write.Events) };
    }

    /// <summary>
    /// A change of a grain written beside it, against the state read from the store, as a sweep
    /// records candidates for taxpayers nobody has active: it succeeds only if the grain was not
    /// written since. An activation that read the state before finds its next write refused, and
    /// reads the state again (see <see cref="DecidedAfreshOnConflictAsync"/>). A grain stored as
    /// its events alone stays so: its new events are appended, and its state is what they all make.
    /// (Only PostgreSQL keeps a grain so; SQLite always hands back a state, and a change of it writes one.)
    /// <paramref name="stored"/> null: none is stored, and the grain is written with its state.
    /// </summary>
    public static StateWrite Change(GrainKey grain, StoredState? stored, TState state, IReadOnlyList<TEvent> events, IEnumerable<GrainView>? views, string? indexed, DateTimeOffset now) =>
        (stored is { Json: null }
            ? KeptAsEvents(grain, stored.Version, state, events, now) with { Views = GrainStateJson.SerializeViews(views) }
            : Write(grain, stored?.Version ?? 0, state, events, now, views, lastWritten: null)) with { Indexed = indexed };

    /// <summary>
    /// A change appended to a grain the store keeps as its events alone (<paramref name="row"/>:
    /// <see cref="StoredRow.KeepsState"/> false), decided without reading them; its matched fields
    /// stay as the row has them. Like <see cref="Change"/>, it succeeds only if the grain was not
    /// written since the row was read. It carries no state to keep: only a store that keeps a grain
    /// so reports such a row, and a store that keeps states refuses a change it cannot make one of.
    /// </summary>
    public static StateWrite Appended(GrainKey grain, StoredRow row, IReadOnlyList<TEvent> events, IEnumerable<GrainView>? views, DateTimeOffset now) =>
        row.KeepsState
            ? throw new ArgumentException($"{grain} is stored with its state: a change of it is decided on that state.", nameof(row))
            : KeptAsEvents(grain, row.Version, state: null, events, now) with { Views = GrainStateJson.SerializeViews(views), Indexed = row.Indexed };

    /// <summary>This grain's history, oldest first.</summary>
    protected async Task<IReadOnlyList<GrainEvent<TEvent>>> ReadHistoryAsync(CancellationToken cancellationToken)
    {
        if (_history is not null)
        {
            return [.. _history];
        }

        List<GrainEvent<TEvent>> history = [.. (await Store.ReadEventsAsync(Key, cancellationToken)).Select(e => new GrainEvent<TEvent>(e.Version, e.Index, e.RecordedAt, GrainStateJson.DeserializeEvent<TEvent>(e.Json)))];
        if (KeepsHistory)
        {
            _history = history;
        }

        return history;
    }

    /// <summary>Reads the state as stored; what the activation kept of the history and of its rows is read or written afresh.</summary>
    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var stored = await Store.ReadAsync(Key, cancellationToken);
        (_state, Version) = stored is null ? (CreateInitialState(), 0) : (GrainStateJson.DeserializeState<TState, TEvent>(stored, FromEvents), stored.Version);
        (_history, _views) = (null, null);
        await OnLoadedAsync(cancellationToken);
    }

    /// <summary>
    /// A write of <paramref name="events"/> without the state they make, which only a store that
    /// keeps states makes from <paramref name="state"/> (none given: a write decided without it, <see cref="Appended"/>).
    /// </summary>
    private static StateWrite KeptAsEvents(GrainKey grain, long expectedVersion, TState? state, IReadOnlyList<TEvent> events, DateTimeOffset now) =>
        new(grain, expectedVersion, StateJson: null, GrainStateJson.SerializeEvents(events), now) { StateToKeep = state is null ? null : () => GrainStateJson.SerializeState(state) };

    private static StateWrite Write(GrainKey grain, long expectedVersion, TState state, IReadOnlyList<TEvent> events, DateTimeOffset now, IEnumerable<GrainView>? views, IReadOnlyList<ViewRow>? lastWritten)
    {
        var rows = GrainStateJson.SerializeViews(views);
        return new StateWrite(grain, expectedVersion, GrainStateJson.SerializeState(state), GrainStateJson.SerializeEvents(events), now)
        {
            // Rows as last written stay as they are: a write that changes none of them costs the store nothing more.
            Views = rows is not null && lastWritten is not null && rows.SequenceEqual(lastWritten) ? null : rows,
        };
    }
}
