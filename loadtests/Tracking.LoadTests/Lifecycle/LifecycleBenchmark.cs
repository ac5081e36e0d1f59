using System.Diagnostics;
using System.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Domain.Ledger;
using Tracking.Domain.Seizures;
using Tracking.Domain.Taxpayers;
using Tracking.Grains.Exchanges;
using Tracking.Grains.Seizures;
using Tracking.Grains.Taxpayers;
using Tracking.Storage;

namespace Tracking.LoadTests.Lifecycle;

/// <summary>
/// Durable seizure transitions per second on one silo: seizures opened concurrently, each going
/// notice → effect → KRW remitted → released in one call (four committed transitions), then, a
/// simulated day later, distributed and closed (two more) through their reminders. The baseline,
/// in the same run and silo, is one durable taxpayer write per call at the same concurrency. Both
/// are measured after the same cycle has run on a fifth as many seizures until the JIT is quiet (the warm-up).
/// </summary>
internal static class LifecycleBenchmark
{
    /// <summary>The warm-up is a fifth of the seizures measured.</summary>
    private const int WarmUpShare = 5;

    /// <summary>At most this many warm-up cycles.</summary>
    private const int MaxWarmUps = 6;

    /// <summary>A warm-up cycle that compiles fewer methods than this leaves the code as the silo runs it for hours.</summary>
    private const int QuietJit = 100;

    /// <summary>Each taxpayer's debt, won; their account holds more (<see cref="InstantExchange.Krw"/>).</summary>
    private const long Debt = 1_000_000;

    private static readonly DateTimeOffset s_start = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(9));

    /// <param name="postgres">The store's PostgreSQL server, brought to its steady state as well; null for SQLite.</param>
    public static async Task<StoreLifecycleFigures> RunAsync(string storeName, ITrackingStore store, string? postgres, int seizures, int concurrency)
    {
        var clock = new SimulatedClock(s_start);
        await using var silo = await BenchSilo.StartAsync(store, clock: clock, services: s => s.AddSingleton<IExchangeGateway>(new InstantExchange()));
        if (postgres is not null)
        {
            await PostgresSteadyState.PrepareAsync(postgres);
        }

        // A silo serves for hours: the figures are its steady state. The same cycle on taxpayers of
        // its own first lets the JIT compile and tier up every path (in a cold run it was an eighth
        // of the process's CPU samples while the opening was timed). One such cycle of a fifth left
        // 7,341 methods to compile while the run was timed (5,629 of them at tier 1), so the
        // warm-up goes on until a cycle compiles almost nothing new.
        for (var round = 1; round <= MaxWarmUps; round++)
        {
            var compiled = JitInfo.GetCompiledMethodCount();
            var warmUp = await CycleAsync(silo, clock, Math.Max(seizures / WarmUpShare, 1), concurrency);
            compiled = JitInfo.GetCompiledMethodCount() - compiled;
            Console.Error.WriteLine($"{storeName}: warm-up {round} of {warmUp.Seizures:N0} seizures, {warmUp.Open.PerSecond:N0} transitions/s opening, {warmUp.Closed:N0} closed, {compiled:N0} methods compiled");
            if (compiled < QuietJit)
            {
                break;
            }
        }

        var cycle = await CycleAsync(silo, clock, seizures, concurrency);
        Console.WriteLine($"| {storeName} | baseline: one durable taxpayer write per call | {cycle.Baseline.PerSecond:N0} writes/s | {cycle.Baseline.P50Ms:F1} | {cycle.Baseline.P99Ms:F1} | 1.0× |");
        Console.WriteLine($"| {storeName} | open → effect → remitted → released (4 transitions per call) | {cycle.Open.PerSecond:N0} transitions/s | {cycle.Open.P50Ms:F1} | {cycle.Open.P99Ms:F1} | {cycle.Open.PerSecond / cycle.Baseline.PerSecond:F2}× |");
        Console.WriteLine($"| {storeName} | distribution and close by reminder ({cycle.DistributionTransitions:N0} transitions) | {cycle.DistributionPerSecond:N0} transitions/s | – | – | {cycle.DistributionPerSecond / cycle.Baseline.PerSecond:F2}× |");
        Console.WriteLine($"| {storeName} | seizures closed | {cycle.Closed:N0} of {seizures:N0} | | | |");
        Console.WriteLine($"| {storeName} | seizures whose money does not add up to the won | {cycle.MoneyMismatches:N0} | | | |");
        return new StoreLifecycleFigures(storeName, cycle.Baseline, cycle.Open, cycle.DistributionTransitions, cycle.DistributionPerSecond, cycle.Closed, cycle.MoneyMismatches);
    }

    /// <summary>Taxpayers of their own, the baseline's writes, their seizures opened, then distributed and closed a simulated day later.</summary>
    private static async Task<Cycle> CycleAsync(BenchSilo silo, SimulatedClock clock, int seizures, int concurrency)
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var taxpayers = Enumerable.Range(0, seizures).Select(i => $"B{run}-{i:D7}").ToArray();
        var item = new TaxItem("I-1", "지방소득세", new DateOnly(2025, 5, 31), Debt, 0, 0);
        await silo.Context.States.WriteBatchAsync(
            [.. taxpayers.Select(t => TaxpayerGrain.Creation(new TaxpayerProfile(t, "벤치", null, null, null, null, null), [item], clock.GetUtcNow()))],
            CancellationToken.None);

        // Baseline: one durable write per call (a taxpayer of its own attaching a seizure), same concurrency.
        var baseline = await ConcurrentCalls.MeasureAsync([.. taxpayers.Select(t => "baseline-" + t)], concurrency, t => silo.Grains.GetGrain<ITaxpayerGrain>(t).AttachSeizureAsync("S-" + t));

        var opened = await ConcurrentCalls.MeasureAsync(taxpayers, concurrency, t =>
            silo.Grains.GetGrain<ISeizureGrain>(SeizureKey.Of(t, "bench", "A-" + t)).OpenAsync(t, "bench", "A-" + t, Said.Typed("benchmark"), "officer:bench"));
        var afterOpen = (await ViewsAsync(silo, taxpayers)).Sum(s => s.Version);

        // A day on, past the distribution date: the seizures' reminders fire. Done when no call has run for a second.
        clock.Advance(SeizurePolicy.Default.DistributionDelay + TimeSpan.FromMinutes(1));
        var started = Stopwatch.GetTimestamp();
        var lastBusy = started;
        for (var quiet = TimeSpan.Zero; quiet < TimeSpan.FromSeconds(1); quiet = Stopwatch.GetElapsedTime(lastBusy))
        {
            await Task.Delay(20);
            if (silo.Calls.Running > 0)
            {
                lastBusy = Stopwatch.GetTimestamp();
            }
        }

        var distributeSeconds = (lastBusy - started) / (double)Stopwatch.Frequency;
        var views = await ViewsAsync(silo, taxpayers);
        var afterClose = views.Sum(s => s.Version);
        foreach (var open in views.Where(s => s.Status != SeizureStatus.Closed))
        {
            Console.Error.WriteLine($"not closed: {open.SeizureId} {open.Status}, held {open.Held}, next deadline {open.NextDeadline:O}, pending {open.PendingRequests.Count}");
        }

        return new Cycle(
            seizures,
            baseline.Throughput,
            new Throughput(afterOpen / opened.Seconds, opened.P50 / 4, opened.P99 / 4),
            afterClose - afterOpen,
            (afterClose - afterOpen) / distributeSeconds,
            views.Count(s => s.Status == SeizureStatus.Closed),
            views.Count(s => !MoneyAddsUp(s)));
    }

    /// <summary>The debt paid in full from the account, every won collected accounted for, nothing held once closed.</summary>
    private static bool MoneyAddsUp(SeizureView seizure)
    {
        var addsUp = seizure.Applied == Debt && seizure.Collected == seizure.Applied + seizure.Refunded + seizure.ReturnedToHolder + seizure.Held && seizure.Held == 0;
        if (!addsUp)
        {
            Console.Error.WriteLine($"money: {seizure.SeizureId} collected {seizure.Collected}, applied {seizure.Applied}, refunded {seizure.Refunded}, returned {seizure.ReturnedToHolder}, held {seizure.Held}");
        }

        return addsUp;
    }

    private static Task<SeizureView[]> ViewsAsync(BenchSilo silo, string[] taxpayers) =>
        Task.WhenAll(taxpayers.Select(t => silo.Grains.GetGrain<ISeizureGrain>(SeizureKey.Of(t, "bench", "A-" + t)).GetAsync()));

    private sealed record Cycle(int Seizures, Throughput Baseline, Throughput Open, long DistributionTransitions, double DistributionPerSecond, int Closed, int MoneyMismatches);
}
