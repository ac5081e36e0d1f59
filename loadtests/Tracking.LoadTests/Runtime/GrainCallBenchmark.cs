using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Tracking.Silo.Hosting;
using Tracking.Silo.Telemetry;
using Tracking.Storage.Postgres;

namespace Tracking.LoadTests;

/// <summary>
/// Cost of a call to an active grain: inside one silo (against the same work behind a plain
/// interface call, measured in the same run), between two grains of one silo, from a client over
/// its gateway, and between grains of two silos. The silos and the client are in this process but
/// talk as separate ones do, over loopback TCP with Orleans' serialization; the silos form a
/// cluster on PostgreSQL as Tracking's do.
/// </summary>
internal static class GrainCallBenchmark
{
    // Orleans' activity sources and meter (its grain calls), and the silo's own call meter, as a silo's telemetry listens to them.
    private static readonly string[] s_sources = ["Microsoft.Orleans.Application", "Microsoft.Orleans.Runtime"];
    private static readonly string[] s_meters = ["Microsoft.Orleans", GrainCallMonitor.Name];

    public static async Task<GrainCallFigures> RunAsync(string postgres, TimeSpan duration)
    {
        var cluster = BenchSilo.NewCluster();
        await using var near = await BenchSilo.StartAsync(new PostgresStore(postgres), cluster, gatewayPort: FreePort.Find(IPAddress.Loopback));
        var plain = (IPlainService)new PlainService();
        var hot = await near.PlaceAsync("hot");

        var baseline = await MeasureSequentialAsync(duration, i => plain.PingAsync(i));
        var inSilo = await MeasureSequentialAsync(duration, i => hot.PingAsync(i));
        var (workers, parallelNs, parallelRate) = await MeasureParallelAsync(near, duration);

        // The same calls watched by the OpenTelemetry SDK, without an exporter (export runs in the
        // background, batched): metrics alone, which every silo keeps for its metrics endpoint; with
        // every span recorded; with one trace in a hundred kept, as
        // OTEL_TRACES_SAMPLER=parentbased_traceidratio and OTEL_TRACES_SAMPLER_ARG=0.01 would.
        CallCost measured, traced, sampled;
        using (Sdk.CreateMeterProviderBuilder().AddMeter(s_meters).Build())
        {
            measured = await MeasureSequentialAsync(duration, i => hot.PingAsync(i));
        }

        using (Sdk.CreateTracerProviderBuilder().AddSource(s_sources).Build())
        using (Sdk.CreateMeterProviderBuilder().AddMeter(s_meters).Build())
        {
            traced = await MeasureSequentialAsync(duration, i => hot.PingAsync(i));
        }

        using (Sdk.CreateTracerProviderBuilder().AddSource(s_sources).SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(0.01))).Build())
        using (Sdk.CreateMeterProviderBuilder().AddMeter(s_meters).Build())
        {
            sampled = await MeasureSequentialAsync(duration, i => hot.PingAsync(i));
        }

        // While this silo is the only one, the client's calls go to it directly, never through another silo's gateway.
        CallCost clientToSilo;
        await using (var client = await TrackingClient.ConnectAsync(postgres, cluster, NullLoggerFactory.Instance, CancellationToken.None))
        {
            var remote = client.Context.Grains.GetGrain<IBenchGrain>(hot.GetPrimaryKeyString());
            clientToSilo = await MeasureSequentialAsync(duration, i => remote.PingAsync(i));
        }

        await using var far = await BenchSilo.StartAsync(new PostgresStore(postgres), cluster);
        var caller = await near.PlaceAsync("caller");
        var nearTarget = await near.PlaceAsync("near-target");
        var farTarget = await far.PlaceAsync("far-target");
        const int CallsPerTurn = 1_000;
        var grainToGrain = await MeasureSequentialAsync(duration, _ => caller.PingOtherAsync(nearTarget.GetPrimaryKeyString(), CallsPerTurn), CallsPerTurn);
        var siloToSilo = await MeasureSequentialAsync(duration, _ => caller.PingOtherAsync(farTarget.GetPrimaryKeyString(), CallsPerTurn), CallsPerTurn);

        Console.WriteLine("| what | time per call | allocated per call | vs. baseline |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine($"| plain interface call (baseline) | {baseline.Ns:F0} ns | {baseline.Bytes:F0} B | 1.0× |");
        Console.WriteLine($"| grain call, one caller, awaited (from the silo's process, outside any grain) | {inSilo.Ns:F0} ns | {inSilo.Bytes:F0} B | {inSilo.Ns / baseline.Ns:F1}× |");
        Console.WriteLine($"| the same, measured by the OpenTelemetry SDK (Orleans' and the silo's meters, no spans) | {measured.Ns:F0} ns | {measured.Bytes:F0} B | {measured.Ns / baseline.Ns:F1}× ({measured.Ns / inSilo.Ns:F2}× the unwatched call) |");
        Console.WriteLine($"| the same, traced (Orleans' activity sources) and measured | {traced.Ns:F0} ns | {traced.Bytes:F0} B | {traced.Ns / baseline.Ns:F1}× ({traced.Ns / inSilo.Ns:F2}× the unwatched call) |");
        Console.WriteLine($"| the same, one trace in 100 sampled, all measured | {sampled.Ns:F0} ns | {sampled.Bytes:F0} B | {sampled.Ns / baseline.Ns:F1}× ({sampled.Ns / inSilo.Ns:F2}× the unwatched call) |");
        Console.WriteLine($"| grain calls, {workers} workers × 1,000 grains | {parallelNs:F0} ns per call per core ({parallelRate:N0} calls/s) | | {parallelNs / baseline.Ns:F1}× |");
        Console.WriteLine($"| grain → grain, same silo, awaited | {grainToGrain.Ns:F0} ns | | {grainToGrain.Ns / baseline.Ns:F1}× |");
        Console.WriteLine($"| client → silo (Orleans client through the silo's gateway, loopback TCP), awaited | {clientToSilo.Ns:F0} ns | {clientToSilo.Bytes:F0} B | {clientToSilo.Ns / baseline.Ns:F1}× |");
        Console.WriteLine($"| grain → grain, other silo (silo to silo, loopback TCP), awaited | {siloToSilo.Ns:F0} ns | | {siloToSilo.Ns / baseline.Ns:F1}× |");
        return new GrainCallFigures(baseline, inSilo, measured, traced, sampled, workers, parallelNs, parallelRate, grainToGrain.Ns, clientToSilo.Ns, siloToSilo.Ns);
    }

    /// <summary>One worker per core, each calling its own 1,000 grains in turn: the throughput cost of a call.</summary>
    private static async Task<(int Workers, double NsPerCallPerCore, double CallsPerSecond)> MeasureParallelAsync(BenchSilo silo, TimeSpan duration)
    {
        var workers = Environment.ProcessorCount;
        var grains = await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.WhenAll(Enumerable.Range(0, 1_000).Select(g => silo.PlaceAsync($"w{w}-{g}")))));
        var calls = 0L;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(grains.Select(set => Task.Run(async () =>
        {
            var made = 0L;
            while (stopwatch.Elapsed < duration)
            {
                for (var i = 0; i < set.Length; i++)
                {
                    await set[i].PingAsync(i);
                }

                made += set.Length;
            }

            Interlocked.Add(ref calls, made);
        })));
        var elapsed = stopwatch.Elapsed;
        return (workers, elapsed.TotalNanoseconds * workers / calls, calls / elapsed.TotalSeconds);
    }

    /// <summary>
    /// Calls one after another for <paramref name="duration"/>, after a warm-up (JIT tiers);
    /// <paramref name="callsPerInvocation"/> when each invocation makes many calls of its own.
    /// </summary>
    private static async Task<CallCost> MeasureSequentialAsync(TimeSpan duration, Func<int, Task> call, int callsPerInvocation = 1)
    {
        var warmUp = Stopwatch.StartNew();
        for (var i = 0; warmUp.Elapsed < duration / 5; i++)
        {
            await call(i);
        }

        // Time is looked at once per batch, so that looking costs nothing measurable per call.
        var batch = Math.Max(1, 1_000 / callsPerInvocation);
        var invocations = 0L;
        var bytes = GC.GetTotalAllocatedBytes();
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < duration)
        {
            for (var i = 0; i < batch; i++)
            {
                await call(i);
            }

            invocations += batch;
        }

        var elapsed = stopwatch.Elapsed;
        var calls = invocations * callsPerInvocation;
        return new CallCost(elapsed.TotalNanoseconds / calls, (double)(GC.GetTotalAllocatedBytes() - bytes) / calls);
    }
}
