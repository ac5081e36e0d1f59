using System.Diagnostics;

namespace Tracking.LoadTests;

/// <summary>Calls made by a fixed number of concurrent workers, each key once, timed with latency percentiles.</summary>
internal static class ConcurrentCalls
{
    public sealed record Result(int Count, double Seconds, double P50, double P99)
    {
        public double Rate => Count / Seconds;

        public Throughput Throughput => new(Rate, P50, P99);
    }

    public static async Task<Result> MeasureAsync(IReadOnlyList<string> keys, int concurrency, Func<string, Task> call)
    {
        var latencies = Enumerable.Range(0, concurrency).Select(_ => new Latencies()).ToArray();
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < keys.Count; i = Interlocked.Increment(ref next))
            {
                var begun = Stopwatch.GetTimestamp();
                await call(keys[i]);
                latencies[worker].Add(begun);
            }
        })));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return new Result(keys.Count, seconds, Latencies.PercentileMs(latencies, 50), Latencies.PercentileMs(latencies, 99));
    }
}
