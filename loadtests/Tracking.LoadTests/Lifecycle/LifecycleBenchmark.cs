using System.Diagnostics;
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
/// in the same run and silo, is one durable taxpayer write per call at the same concurrency.
/// </summary>
internal static class LifecycleBenchmark
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(9));

    public static async Task<StoreLifecycleFigures> RunAsync(string storeName, ITrackingStore store, int seizures, int concurrency)
    {
        var clock = new SimulatedClock(s_start);
        await using var silo = await BenchSilo.StartAsync(store, clock: clock, services: s => s.AddSingleton<IExchangeGateway>(new InstantExchange()));

        var run = Guid.NewGuid().ToString("N")[..6];
        var taxpayers = Enumerable.Range(0, seizures).Select(i => $"B{run}-{i:D7}").ToArray();
        var item = new TaxItem("I-1", "지방소득세", new DateOnly(2025, 5, 31), 1_000_000, 0, 0);
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
        var closed = views.Count(s => s.Status == SeizureStatus.Closed);
        foreach (var open in views.Where(s => s.Status != SeizureStatus.Closed))
        {
            Console.Error.WriteLine($"not closed: {open.SeizureId} {open.Status}, held {open.Held}, next deadline {open.NextDeadline:O}, pending {open.PendingRequests.Count}");
        }

        var openRate = afterOpen / opened.Seconds;
        var closeRate = (afterClose - afterOpen) / distributeSeconds;
        Console.WriteLine($"| {storeName} | baseline: one durable taxpayer write per call | {baseline.Rate:N0} writes/s | {baseline.P50:F1} | {baseline.P99:F1} | 1.0× |");
        Console.WriteLine($"| {storeName} | open → effect → remitted → released (4 transitions per call) | {openRate:N0} transitions/s | {opened.P50 / 4:F1} | {opened.P99 / 4:F1} | {openRate / baseline.Rate:F2}× |");
        Console.WriteLine($"| {storeName} | distribution and close by reminder ({afterClose - afterOpen:N0} transitions) | {closeRate:N0} transitions/s | – | – | {closeRate / baseline.Rate:F2}× |");
        Console.WriteLine($"| {storeName} | seizures closed | {closed:N0} of {seizures:N0} | | | |");
        return new StoreLifecycleFigures(
            storeName,
            baseline.Throughput,
            new Throughput(openRate, opened.P50 / 4, opened.P99 / 4),
            afterClose - afterOpen,
            closeRate,
            closed);
    }

    private static Task<SeizureView[]> ViewsAsync(BenchSilo silo, string[] taxpayers) =>
        Task.WhenAll(taxpayers.Select(t => silo.Grains.GetGrain<ISeizureGrain>(SeizureKey.Of(t, "bench", "A-" + t)).GetAsync()));
}
