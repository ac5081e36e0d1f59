using Tracking.Runtime.Persistence;
using Tracking.Runtime.Views;

namespace Tracking.Runtime;

/// <summary>
/// A grain with persistent state whose every change is explained by events. The new state and
/// its events are written in one transaction, checked against the version that was read.
/// </summary>
public abstract class Grain<TState, TEvent> : Grain
    where TState : class
    where TEvent : class
{
    private TState? _state;

    // The rows this instance last wrote; unknown (null) in a new instance — after activation, and after a
    // lost write, which replaces the instance — so its first write sends them.
    private ViewRow[]? _views;

    protected TState State => _state ?? throw new InvalidOperationException("State is not loaded yet.");

    /// <summary>The stored version this activation last read or wrote; 0 before the first write.</summary>
    protected long Version { get; private set; }

    /// <summary>The state of a grain that has never been written.</summary>
    protected abstract TState CreateInitialState();

    /// <summary>The read-model rows this grain keeps for <paramref name="state"/>, written with it; null (the default) for none.</summary>
    protected virtual IEnumerable<GrainView>? ViewsOf(TState state) => null;

    internal override async Task LoadStateAsync(CancellationToken cancellationToken)
    {
        var stored = await Context.Runtime.Reader.ReadAsync(Id, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            _state = CreateInitialState();
            Version = 0;
        }
        else
        {
            _state = Context.Runtime.Serializer.DeserializeState<TState>(stored.Json);
            Version = stored.Version;
        }
    }

    /// <summary>
    /// Durably replaces the state and appends <paramref name="events"/>. Throws
    /// <see cref="InconsistentStateException"/> if another writer got there first; the activation
    /// then reloads before its next message.
    /// </summary>
    protected Task WriteStateAsync(TState newState, IReadOnlyList<TEvent> events, CancellationToken cancellationToken) =>
        WriteStateAsync(newState, events, [], cancellationToken);

    /// <summary>As <see cref="WriteStateAsync(TState, IReadOnlyList{TEvent}, CancellationToken)"/>, setting and clearing <paramref name="reminders"/> in the same transaction.</summary>
    protected async Task WriteStateAsync(TState newState, IReadOnlyList<TEvent> events, IReadOnlyList<ReminderUpdate> reminders, CancellationToken cancellationToken)
    {
        var serializer = Context.Runtime.Serializer;
        var now = TimeProvider.GetUtcNow();
        var views = serializer.SerializeViews(ViewsOf(newState));
        var write = new StateWrite(
            Id,
            Context.Partition,
            Version,
            serializer.SerializeState(newState),
            serializer.SerializeEvents(events),
            now)
        {
            // The last update of a grain's reminder wins, as if they had been applied one by one.
            Reminders = reminders
                .Select(r => (Grain: r.Grain ?? Id, Update: r))
                .GroupBy(r => (r.Grain, r.Update.Name))
                .Select(g => g.Last())
                .Select(r => new ReminderChange(r.Grain, Context.Runtime.Partitioner.PartitionOf(r.Grain), r.Update.Name, r.Update.DueAt ?? now + r.Update.DueTime))
                .ToArray(),
            Fence = Context.Runtime.Partitions?.FenceFor(Id, Context.Partition),
            // Rows as last written stay as they are: a write that changes none of them costs the store nothing more.
            Views = views is not null && _views is not null && views.SequenceEqual(_views) ? null : views,
        };
        Version = await Context.Runtime.Writer.WriteAsync(write, cancellationToken).ConfigureAwait(false);
        _state = newState;
        _views = views;
    }

    /// <summary>This grain's history, oldest first.</summary>
    protected async Task<IReadOnlyList<GrainEvent<TEvent>>> ReadHistoryAsync(CancellationToken cancellationToken)
    {
        var stored = await Context.Runtime.Storage.ReadEventsAsync(Id, cancellationToken).ConfigureAwait(false);
        var serializer = Context.Runtime.Serializer;
        return stored
            .Select(e => new GrainEvent<TEvent>(e.Version, e.Index, e.RecordedAt, serializer.DeserializeEvent<TEvent>(e.Json)))
            .ToArray();
    }
}
