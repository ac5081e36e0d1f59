namespace Tracking.LoadTests;

/// <summary>The smallest grain that does real work: answers from memory, calls another grain, or makes one durable write.</summary>
[Alias("bench")]
public interface IBenchGrain : IGrainWithStringKey
{
    [Alias("ping")]
    Task<int> PingAsync(int value);

    /// <summary>The address of the silo this grain is active on.</summary>
    [Alias("where")]
    Task<string> WhereAsync();

    /// <summary>Pings the bench grain <paramref name="key"/> <paramref name="calls"/> times, each call awaited before the next.</summary>
    [Alias("ping-other")]
    Task PingOtherAsync(string key, int calls);

    /// <summary>Adds to the total in one durable write of the new state and one event, through Tracking's store; returns the total.</summary>
    [Alias("bump")]
    Task<long> BumpAsync(int by);
}
