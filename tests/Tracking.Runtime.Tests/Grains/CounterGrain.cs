using Tracking.Runtime;

namespace Tracking.Runtime.Tests.Grains;

public interface ICounterGrain : IGrain;

/// <summary>Counts increments durably; records the order calls arrived in and whether any two turns ever overlapped.</summary>
public sealed record Increment(int Caller, int Sequence) : IGrainCall<ICounterGrain, long>;

public sealed record GetCount : IGrainCall<ICounterGrain, long>;

public sealed record PeekCount : IGrainCall<ICounterGrain, long>, IInterleavingCall;

public sealed record GetObservations : IGrainCall<ICounterGrain, Observations>;

public sealed record Fail(string Reason) : IGrainCall<ICounterGrain, long>;

public sealed record WaitFor(string Gate) : IGrainCall<ICounterGrain, long>;

/// <summary>Reads the count, waits for a gate, then writes the increment: a turn that can be held open while its silo loses the lease.</summary>
public sealed record IncrementAfter(string Gate) : IGrainCall<ICounterGrain, long>;

public sealed record CounterState(long Count);

public sealed record Incremented(long Count, int Caller, int Sequence);

public sealed record Observations(IReadOnlyList<(int Caller, int Sequence)> Order, int Overlaps);

[GrainType("counter")]
public sealed class CounterGrain(ActivationLog log, TestGates gates) : Grain<CounterState, Incremented>, ICounterGrain,
    IHandle<Increment, long>, IHandle<GetCount, long>, IHandle<PeekCount, long>, IHandle<GetObservations, Observations>, IHandle<Fail, long>, IHandle<WaitFor, long>, IHandle<IncrementAfter, long>
{
    private readonly List<(int, int)> _order = [];
    private int _inTurn;
    private int _overlaps;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        log.Activated(Id);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(CancellationToken cancellationToken)
    {
        log.Deactivated(Id);
        return Task.CompletedTask;
    }

    public async Task<long> HandleAsync(Increment message, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _inTurn, 1) == 1)
        {
            Interlocked.Increment(ref _overlaps);
        }

        _order.Add((message.Caller, message.Sequence));
        var next = State.Count + 1;

        // Give another message every chance to sneak in while this turn is suspended.
        await Task.Yield();
        await WriteStateAsync(new CounterState(next), [new Incremented(next, message.Caller, message.Sequence)], cancellationToken);
        Volatile.Write(ref _inTurn, 0);
        return next;
    }

    public Task<long> HandleAsync(GetCount message, CancellationToken cancellationToken) => Task.FromResult(State.Count);

    public Task<long> HandleAsync(PeekCount message, CancellationToken cancellationToken) => Task.FromResult(State.Count);

    public Task<Observations> HandleAsync(GetObservations message, CancellationToken cancellationToken) =>
        Task.FromResult(new Observations(_order.ToArray(), _overlaps));

    public Task<long> HandleAsync(Fail message, CancellationToken cancellationToken) => throw new InvalidOperationException(message.Reason);

    public async Task<long> HandleAsync(WaitFor message, CancellationToken cancellationToken)
    {
        await gates.Get(message.Gate).Task;
        return State.Count;
    }

    public async Task<long> HandleAsync(IncrementAfter message, CancellationToken cancellationToken)
    {
        var next = State.Count + 1;
        log.Attempted(Id);
        await gates.Get(message.Gate).Task;
        await WriteStateAsync(new CounterState(next), [new Incremented(next, 0, 0)], cancellationToken);
        log.Committed(Id);
        return next;
    }

    protected override CounterState CreateInitialState() => new(0);
}
