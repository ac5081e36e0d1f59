using System.Text.Json;
using System.Text.Json.Serialization;
using Tracking.Runtime;

namespace Tracking.LoadTests;

public interface IBenchGrain : IGrain;

public sealed record Ping(int Value) : IGrainCall<IBenchGrain, int>;

public sealed record Bump(int By) : IGrainCall<IBenchGrain, long>;

public sealed record BenchState(long Total);

public sealed record Bumped(int By);

/// <summary>The smallest grain that does real work: answers from memory, or makes one durable write with one event.</summary>
[GrainType("bench")]
public sealed class BenchGrain : Grain<BenchState, Bumped>, IBenchGrain, IHandle<Ping, int>, IHandle<Bump, long>
{
    public Task<int> HandleAsync(Ping message, CancellationToken cancellationToken) => Task.FromResult(message.Value + 1);

    public async Task<long> HandleAsync(Bump message, CancellationToken cancellationToken)
    {
        await WriteStateAsync(new BenchState(State.Total + message.By), [new Bumped(message.By)], cancellationToken);
        return State.Total;
    }

    protected override BenchState CreateInitialState() => new(0);
}

/// <summary>The same work as <see cref="BenchGrain.HandleAsync(Ping, CancellationToken)"/> behind a plain interface: the baseline.</summary>
public interface IPlainService
{
    Task<int> PingAsync(int value);
}

public sealed class PlainService : IPlainService
{
    public Task<int> PingAsync(int value) => Task.FromResult(value + 1);
}

[JsonSerializable(typeof(Ping))]
[JsonSerializable(typeof(Bump))]
[JsonSerializable(typeof(BenchState))]
[JsonSerializable(typeof(Bumped))]
internal sealed partial class BenchJsonContext : JsonSerializerContext
{
    public static new JsonSerializerOptions Options => field ??= new JsonSerializerOptions { TypeInfoResolver = Default };
}
