using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Tracking.Runtime.Diagnostics;
using Tracking.Runtime;
using Tracking.Runtime.Hosting;

namespace Tracking.LoadTests;

/// <summary>
/// Cost of a call to an active grain inside one silo, against the same work behind a plain
/// interface call measured in the same run.
/// </summary>
internal static class GrainCallBenchmark
{
    public static async Task RunAsync(global::Tracking.Runtime.Hosting.Silo silo, TimeSpan duration)
    {
        var plain = (IPlainService)new PlainService();
        var grain = silo.GetGrain<IBenchGrain>("hot");
        await grain.CallAsync(new Ping(0));

        var baseline = await MeasureSequentialAsync(duration, i => plain.PingAsync(i));
        var sequential = await MeasureSequentialAsync(duration, i => grain.CallAsync(new Ping(i)));

        // One worker per core, each calling its own 1,000 grains: throughput cost per call.
        var workers = Environment.ProcessorCount;
        var grains = Enumerable.Range(0, workers).Select(w => Enumerable.Range(0, 1_000).Select(g => silo.GetGrain<IBenchGrain>($"w{w}-{g}")).ToArray()).ToArray();
        foreach (var set in grains)
        {
            foreach (var g in set)
            {
                await g.CallAsync(new Ping(0));
            }
        }

        var parallelCalls = 0L;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(grains.Select(set => Task.Run(async () =>
        {
            var calls = 0L;
            while (stopwatch.Elapsed < duration)
            {
                for (var i = 0; i < 1_000; i++)
                {
                    await set[i].CallAsync(new Ping(i));
                }

                calls += 1_000;
            }

            Interlocked.Add(ref parallelCalls, calls);
        })));
        var parallelNs = stopwatch.Elapsed.TotalNanoseconds * workers / parallelCalls;

        // The same calls watched by the OpenTelemetry SDK, without an exporter (export runs in the
        // background, batched): metrics alone, which every silo host keeps for its metrics endpoint;
        // with every span recorded; with one trace in a hundred kept, as
        // OTEL_TRACES_SAMPLER=parentbased_traceidratio and OTEL_TRACES_SAMPLER_ARG=0.01 would.
        (double Ns, long Bytes) measured, traced, sampled;
        using (Sdk.CreateMeterProviderBuilder().AddMeter(RuntimeTelemetry.Name).Build())
        {
            measured = await MeasureSequentialAsync(duration, i => grain.CallAsync(new Ping(i)));
        }

        using (Sdk.CreateTracerProviderBuilder().AddSource(RuntimeTelemetry.Name).Build())
        using (Sdk.CreateMeterProviderBuilder().AddMeter(RuntimeTelemetry.Name).Build())
        {
            traced = await MeasureSequentialAsync(duration, i => grain.CallAsync(new Ping(i)));
        }

        using (Sdk.CreateTracerProviderBuilder().AddSource(RuntimeTelemetry.Name).SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(0.01))).Build())
        using (Sdk.CreateMeterProviderBuilder().AddMeter(RuntimeTelemetry.Name).Build())
        {
            sampled = await MeasureSequentialAsync(duration, i => grain.CallAsync(new Ping(i)));
        }

        Console.WriteLine($"| plain interface call (baseline) | {baseline.Ns:F0} ns | {baseline.Bytes} B | 1.0× |");
        Console.WriteLine($"| grain call, one caller, awaited | {sequential.Ns:F0} ns | {sequential.Bytes} B | {sequential.Ns / baseline.Ns:F1}× |");
        Console.WriteLine($"| the same, measured by the OpenTelemetry SDK (call histogram, no spans) | {measured.Ns:F0} ns | {measured.Bytes} B | {measured.Ns / baseline.Ns:F1}× ({measured.Ns / sequential.Ns:F2}× the unwatched call) |");
        Console.WriteLine($"| the same, traced and measured by the OpenTelemetry SDK | {traced.Ns:F0} ns | {traced.Bytes} B | {traced.Ns / baseline.Ns:F1}× ({traced.Ns / sequential.Ns:F2}× the unwatched call) |");
        Console.WriteLine($"| the same, one trace in 100 sampled, all measured | {sampled.Ns:F0} ns | {sampled.Bytes} B | {sampled.Ns / baseline.Ns:F1}× ({sampled.Ns / sequential.Ns:F2}× the unwatched call) |");
        Console.WriteLine($"| grain calls, {workers} workers × 1,000 grains | {parallelNs:F0} ns per call per core ({parallelCalls / stopwatch.Elapsed.TotalSeconds:N0} calls/s) | | {parallelNs / baseline.Ns:F1}× |");
    }

    private static async Task<(double Ns, long Bytes)> MeasureSequentialAsync(TimeSpan duration, Func<int, Task<int>> call)
    {
        // Warm up (JIT tiers), then count calls in batches until the time is up.
        for (var i = 0; i < 200_000; i++)
        {
            await call(i);
        }

        var calls = 0L;
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < duration)
        {
            for (var i = 0; i < 10_000; i++)
            {
                await call(i);
            }

            calls += 10_000;
        }

        var elapsed = stopwatch.Elapsed;
        return (elapsed.TotalNanoseconds / calls, (GC.GetAllocatedBytesForCurrentThread() - bytes) / calls);
    }
}
