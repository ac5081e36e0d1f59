using Tracking.Runtime.Activation;

namespace Tracking.Runtime;

/// <summary>
/// Base class of every grain. The runtime creates one instance per activation and runs its
/// handlers one turn at a time, so grain code needs no locks.
/// </summary>
public abstract class Grain
{
    private GrainContext? _context;

    internal GrainContext Context => _context ?? throw new InvalidOperationException("The grain is not activated yet.");

    public GrainId Id => Context.Id;

    protected TimeProvider TimeProvider => Context.Runtime.TimeProvider;

    protected IGrainFactory GrainFactory => Context.Runtime.GrainFactory;

    internal void Attach(GrainContext context) => _context = context;

    /// <summary>Runs once, after state is loaded and before the first message of an activation.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs when the activation is collected for idleness or its silo stops.</summary>
    public virtual Task OnDeactivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal virtual Task LoadStateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Registers (or moves) a durable reminder. It fires through <see cref="IRemindable"/> after
    /// <paramref name="dueTime"/> and then every <paramref name="period"/>, across restarts.
    /// </summary>
    protected Task RegisterReminderAsync(string name, TimeSpan dueTime, TimeSpan? period, CancellationToken cancellationToken) =>
        Context.Runtime.Reminders.RegisterAsync(Id, Context.Partition, name, dueTime, period, cancellationToken);

    /// <summary>Registers (or moves) a one-off reminder due at <paramref name="dueAt"/>; one in the past fires at once.</summary>
    protected Task RegisterReminderAtAsync(string name, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        Context.Runtime.Reminders.RegisterAtAsync(Id, Context.Partition, name, dueAt, period: null, cancellationToken);

    protected Task UnregisterReminderAsync(string name, CancellationToken cancellationToken) =>
        Context.Runtime.Reminders.UnregisterAsync(Id, Context.Partition, name, cancellationToken);
}
