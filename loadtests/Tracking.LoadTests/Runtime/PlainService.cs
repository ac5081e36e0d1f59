namespace Tracking.LoadTests;

/// <summary>The same work as <see cref="IBenchGrain.PingAsync"/> behind a plain interface: the baseline of a grain call.</summary>
public interface IPlainService
{
    Task<int> PingAsync(int value);
}

public sealed class PlainService : IPlainService
{
    public Task<int> PingAsync(int value) => Task.FromResult(value + 1);
}
