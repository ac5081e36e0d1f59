using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tracking.Domain.Ledger;
using Tracking.Domain.Seizures;
using Tracking.Domain.Taxpayers;
using Tracking.Grains;
using Tracking.Grains.Exchanges;
using Tracking.Grains.Seizures;
using Tracking.Grains.Taxpayers;
using Tracking.Runtime.Persistence;
using Tracking.Runtime.Timing;
using Tracking.Silo.Hosting;

namespace Tracking.LoadTests.Lifecycle;

/// <summary>
/// Durable seizure transitions per second on one silo: seizures opened concurrently, each going
/// notice → effect → KRW remitted → released in one call (four committed transitions), then, a
/// simulated day later, distributed and closed (two more) through their reminders. The baseline,
/// in the same run and silo, is one durable taxpayer write per call at the same concurrency.
/// </summary>
internal static class LifecycleBenchmark
{
    public static async Task RunAsync(string storeName, Func<IStorageProvider> provider, int seizures, int concurrency)
    {
        var clock = new SimulatedTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(9)));
        var services = new ServiceCollection()
            .AddSingleton<IExchangeGateway>(new InstantExchange())
            .AddSingleton(new SeizureOptions())
            .AddSingleton(new ExchangeOptions())
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(Logger<>))
            .BuildServiceProvider();
        using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning).AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        await using var hosted = await HostedSilo.StartAsync(configure => TrackingSilo.Create(provider(), loggers, clock, o =>
        {
            o.DefaultCallTimeout = TimeSpan.FromMinutes(5);
            configure(o);
        }, services));
        var silo = hosted.Silo;

        var run = Guid.NewGuid().ToString("N")[..6];
        var taxpayers = Enumerable.Range(0, seizures).Select(i => $"B{run}-{i:D7}").ToArray();
        var item = new TaxItem("I-1", "지방소득세", new DateOnly(2025, 5, 31), 1_000_000, 0, 0);
        await silo.CreateManyAsync<ITaxpayerGrain, TaxpayerLedger, TaxpayerEvent>(
            taxpayers.Select(t => TaxpayerGrain.Creation(new RegisterTaxpayer(new TaxpayerProfile(t, "벤치", null, null, null, null, null), [item]))).ToArray(),
            CancellationToken.None);

        // Baseline: one durable write per call (a taxpayer of its own attaching a seizure), same concurrency.
        var baseline = await ConcurrentCalls.MeasureAsync([.. taxpayers.Select(t => "baseline-" + t)], concurrency, t => silo.GetGrain<ITaxpayerGrain>(t).CallAsync(new AttachSeizure("S-" + t)));

        var opened = await ConcurrentCalls.MeasureAsync(taxpayers, concurrency, t =>
            silo.GetGrain<ISeizureGrain>(SeizureKey.Of(t, "bench", "A-" + t)).OpenAsync(t, "bench", "A-" + t, "benchmark", "officer:bench"));
        var afterOpen = await VersionsAsync(silo, taxpayers);

        clock.Advance(TimeSpan.FromDays(1));
        var started = Stopwatch.GetTimestamp();
        for (var idle = 0; idle < 3; idle = await silo.DeliverDueRemindersAsync(CancellationToken.None) > 0 ? 0 : idle + 1)
        {
            // A reminder whose turn failed stays due; give it a few more rounds before calling it done.
            await Task.Delay(idle * 100);
        }

        var distributeSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var afterClose = await VersionsAsync(silo, taxpayers);
        var views = await Task.WhenAll(taxpayers.Select(t => silo.GetGrain<ISeizureGrain>(SeizureKey.Of(t, "bench", "A-" + t)).GetAsync()));
        var closed = views.Count(s => s.Status == SeizureStatus.Closed);
        var notClosed = views.Where(s => s.Status != SeizureStatus.Closed).ToArray();
        await silo.StopAsync(CancellationToken.None);
        if (notClosed.Length > 0)
        {
            await using var store = provider();
            await store.InitializeAsync(CancellationToken.None);
            foreach (var open in notClosed)
            {
                var reminders = await store.Reminders.ReadForGrainAsync(new Runtime.GrainId("seizure", open.SeizureId), CancellationToken.None);
                Console.Error.WriteLine($"not closed: {open.SeizureId} {open.Status}, held {open.Held}, next deadline {open.NextDeadline:O}, pending {open.PendingRequests.Count}; reminders: {string.Join(", ", reminders.Select(r => $"{r.Name} at {r.DueAt:O}"))}");
            }
        }

        var openRate = afterOpen / opened.Seconds;
        var closeRate = (afterClose - afterOpen) / distributeSeconds;
        Console.WriteLine($"| {storeName} | baseline: one durable taxpayer write per call | {baseline.Rate:N0} writes/s | {baseline.P50:F1} | {baseline.P99:F1} | 1.0× |");
        Console.WriteLine($"| {storeName} | open → effect → remitted → released (4 transitions per call) | {openRate:N0} transitions/s | {opened.P50 / 4:F1} | {opened.P99 / 4:F1} | {openRate / baseline.Rate:F2}× |");
        Console.WriteLine($"| {storeName} | distribution and close by reminder ({afterClose - afterOpen:N0} transitions) | {closeRate:N0} transitions/s | – | – | {closeRate / baseline.Rate:F2}× |");
        Console.WriteLine($"| {storeName} | seizures closed | {closed:N0} of {seizures:N0} | | | |");
    }

    private static async Task<long> VersionsAsync(Runtime.Hosting.Silo silo, string[] taxpayers) =>
        (await Task.WhenAll(taxpayers.Select(t => silo.GetGrain<ISeizureGrain>(SeizureKey.Of(t, "bench", "A-" + t)).GetAsync()))).Sum(s => s.Version);
}
