using Tracking.Runtime;

namespace Tracking.Runtime.Tests.Grains;

public interface IReminderGrain : IGrain;

public sealed record Schedule(string Name, TimeSpan DueTime, TimeSpan? Period) : IGrainCall<IReminderGrain, Done>;

public sealed record Cancel(string Name) : IGrainCall<IReminderGrain, Done>;

public sealed record GetFirings : IGrainCall<IReminderGrain, IReadOnlyList<string>>;

public sealed record ReminderState(IReadOnlyList<string> Firings);

public sealed record ReminderReceived(string Name, DateTimeOffset DueAt);

/// <summary>Registers reminders and durably records each firing.</summary>
[GrainType("reminder-test")]
public sealed class ReminderGrain : Grain<ReminderState, ReminderReceived>, IReminderGrain, IRemindable,
    IHandle<Schedule, Done>, IHandle<Cancel, Done>, IHandle<GetFirings, IReadOnlyList<string>>
{
    public async Task<Done> HandleAsync(Schedule message, CancellationToken cancellationToken)
    {
        await RegisterReminderAsync(message.Name, message.DueTime, message.Period, cancellationToken);
        return Done.Instance;
    }

    public async Task<Done> HandleAsync(Cancel message, CancellationToken cancellationToken)
    {
        await UnregisterReminderAsync(message.Name, cancellationToken);
        return Done.Instance;
    }

    public Task<IReadOnlyList<string>> HandleAsync(GetFirings message, CancellationToken cancellationToken) => Task.FromResult(State.Firings);

    public Task ReceiveReminderAsync(string name, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        WriteStateAsync(new ReminderState([.. State.Firings, $"{name}@{dueAt:O}"]), [new ReminderReceived(name, dueAt)], cancellationToken);

    protected override ReminderState CreateInitialState() => new([]);
}
