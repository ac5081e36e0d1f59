using System.Diagnostics;
using Tracking.Storage;

namespace Tracking.LoadTests;

/// <summary>
/// Durable grain writes (each call waiting for its commit) from many concurrent callers in one
/// silo: through our store, state and one event group-committed; and through Orleans' own ADO.NET
/// grain storage on the same database, state only, one transaction per write. The baseline, in the
/// same run: the writes of our store committed one transaction each, same concurrency.
/// </summary>
internal static class DurableWriteBenchmark
{
    public static async Task<StoreWriteFigures> RunAsync(string storeName, Func<ITrackingStore> newStore, int grainCount, int concurrency, TimeSpan duration)
    {
        if (grainCount < concurrency || grainCount % concurrency != 0)
        {
            throw new ArgumentException("The grain count must be a multiple of the concurrency.");
        }

        Throughput baseline;
        await using (var store = newStore())
        {
            await store.InitializeAsync(CancellationToken.None);
            var versions = new long[grainCount];
            baseline = await MeasureAsync(concurrency, duration, async (worker, n) =>
            {
                var g = GrainOf(worker, n, concurrency, grainCount);
                var write = BenchGrain.Write(new GrainKey("baseline", $"b{g}"), versions[g], versions[g], 1);
                var outcome = (await store.Grains.WriteBatchAsync([write], CancellationToken.None))[0];
                versions[g] = outcome is Storage.Persistence.WriteOutcome.Written ? write.NewVersion : throw new InvalidOperationException($"baseline write failed: {outcome}");
            });
        }

        var siloStore = newStore();
        await OrleansStorageSchema.ApplyAsync(siloStore);
        await using var silo = await BenchSilo.StartAsync(siloStore, configure: s => s.AddAdoNetGrainStorage(
            OrleansStoredGrain.Storage,
            o => (o.Invariant, o.ConnectionString) = (siloStore.AdoNetInvariant, siloStore.AdoNetConnectionString)));
        var ours = Enumerable.Range(0, grainCount).Select(g => silo.Grains.GetGrain<IBenchGrain>($"d{g}")).ToArray();
        var groupCommit = await MeasureAsync(concurrency, duration, (worker, n) => ours[GrainOf(worker, n, concurrency, grainCount)].BumpAsync(1));
        var orleans = Enumerable.Range(0, grainCount).Select(g => silo.Grains.GetGrain<IOrleansStoredGrain>($"o{g}")).ToArray();
        var orleansAdoNet = await MeasureAsync(concurrency, duration, (worker, n) => orleans[GrainOf(worker, n, concurrency, grainCount)].BumpAsync(1));

        Console.WriteLine($"| {storeName} | one transaction per write (baseline) | {baseline.PerSecond:N0} | {baseline.P50Ms:F2} | {baseline.P99Ms:F2} | 1.0× |");
        Console.WriteLine($"| {storeName} | grain writes, our store, group commit (state + event) | {groupCommit.PerSecond:N0} | {groupCommit.P50Ms:F2} | {groupCommit.P99Ms:F2} | {groupCommit.PerSecond / baseline.PerSecond:F1}× |");
        Console.WriteLine($"| {storeName} | grain writes, Orleans' ADO.NET grain storage (state only, one transaction each) | {orleansAdoNet.PerSecond:N0} | {orleansAdoNet.P50Ms:F2} | {orleansAdoNet.P99Ms:F2} | {orleansAdoNet.PerSecond / baseline.PerSecond:F1}× |");
        return new StoreWriteFigures(storeName, baseline, groupCommit, orleansAdoNet);
    }

    /// <summary>Worker w owns grains w, w + concurrency, …, so no two workers ever write one grain at once.</summary>
    private static int GrainOf(int worker, int n, int concurrency, int grainCount) => worker + n % (grainCount / concurrency) * concurrency;

    private static async Task<Throughput> MeasureAsync(int concurrency, TimeSpan duration, Func<int, int, Task> write)
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
        return new Throughput(total / stopwatch.Elapsed.TotalSeconds, Latencies.PercentileMs(latencies, 50), Latencies.PercentileMs(latencies, 99));
    }
}
