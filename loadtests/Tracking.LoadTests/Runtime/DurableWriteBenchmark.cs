using System.Diagnostics;
using Tracking.Runtime;
using Tracking.Runtime.Hosting;
using Tracking.Runtime.Persistence;

namespace Tracking.LoadTests;

/// <summary>
/// Durable grain writes (state + one event per write, each call waiting for its commit) from many
/// concurrent callers, against the same writes committed one transaction each in the same run.
/// </summary>
internal static class DurableWriteBenchmark
{
    public static async Task RunAsync(string storageName, Func<IStorageProvider> newProvider, global::Tracking.Runtime.Hosting.Silo silo, int grainCount, int concurrency, TimeSpan duration)
    {
        if (grainCount < concurrency || grainCount % concurrency != 0)
        {
            throw new ArgumentException("The grain count must be a multiple of the concurrency.");
        }

        // Baseline: the provider's own write path, one write per transaction, same concurrency.
        var provider = newProvider();
        await provider.InitializeAsync(CancellationToken.None);
        var versions = new long[grainCount];
        var baseline = await MeasureAsync(concurrency, duration, async (worker, n) =>
        {
            var g = GrainOf(worker, n, concurrency, grainCount);
            var expected = versions[g];
            var write = new StateWrite(new GrainId("baseline", $"b{g}"), 0, expected, $"{{\"Total\":{expected + 1}}}", [new EventRecord("Bumped", "{\"By\":1}")], DateTimeOffset.UtcNow);
            var outcome = (await provider.States.WriteBatchAsync([write], CancellationToken.None))[0];
            if (outcome is not WriteOutcome.Written)
            {
                throw new InvalidOperationException($"baseline write failed: {outcome}");
            }

            versions[g] = expected + 1;
        });
        await provider.DisposeAsync();

        var grains = Enumerable.Range(0, grainCount).Select(g => silo.GetGrain<IBenchGrain>($"d{g}")).ToArray();
        var batched = await MeasureAsync(concurrency, duration, (worker, n) => grains[GrainOf(worker, n, concurrency, grainCount)].CallAsync(new Bump(1)));

        Console.WriteLine($"| {storageName} | one transaction per write (baseline) | {baseline.PerSecond:N0} | {baseline.P50:F2} | {baseline.P99:F2} | 1.0× |");
        Console.WriteLine($"| {storageName} | grain writes, group commit | {batched.PerSecond:N0} | {batched.P50:F2} | {batched.P99:F2} | {batched.PerSecond / baseline.PerSecond:F1}× |");
    }

    /// <summary>Worker w owns grains w, w + concurrency, …, so no two workers ever write one grain at once.</summary>
    private static int GrainOf(int worker, int n, int concurrency, int grainCount) => worker + n % (grainCount / concurrency) * concurrency;

    private static async Task<(double PerSecond, double P50, double P99)> MeasureAsync(int concurrency, TimeSpan duration, Func<int, int, Task> write)
    {
        var latencies = Enumerable.Range(0, concurrency).Select(_ => new Latencies()).ToArray();
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            for (var n = 0; stopwatch.Elapsed < duration; n++)
            {
                var start = Stopwatch.GetTimestamp();
                await write(worker, n);
                latencies[worker].Add(start);
            }
        })));
        var total = latencies.Sum(l => l.Count);
        return (total / stopwatch.Elapsed.TotalSeconds, Latencies.PercentileMs(latencies, 50), Latencies.PercentileMs(latencies, 99));
    }
}
