using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using Tracking.Domain.Ledger;
using Tracking.Domain.Seizures;
using Tracking.Domain.Taxpayers;
using Tracking.ExchangeApi.Simulator;
using Tracking.Grains;
using Tracking.Grains.Seizures;
using Tracking.Grains.Sweeps;
using Tracking.Grains.Taxpayers;
using Tracking.Ingest.Accounts;
using Tracking.Ingest.Roll;
using Tracking.LoadTests.Sweep;
using Tracking.Silo.Hosting;
using Tracking.Silo.Scenarios;
using Tracking.Storage.Sqlite;
using Tracking.TestingHost;

namespace Tracking.LoadTests.Cluster;

/// <summary>
/// The same work on clusters of silo processes of the real program (<c>tracking --cluster CONNSTR
/// silo</c>) on one PostgreSQL, driven by an Orleans client in this process (every call crosses to
/// a silo's gateway over TCP; a gateway passes a call on to the silo its grain lives on): import
/// and sweep of generated files, then a lifecycle load against the exchange simulator process.
/// The first cluster size is the baseline of the ratios. The hop itself is measured as a read of
/// an active grain from this process against the same read inside a silo of this process.
/// </summary>
internal static class ClusterBenchmark
{
    private static readonly byte[] s_rrnKey = "loadtest-rrn-key-not-a-secret-01"u8.ToArray();

    public static async Task<ClusterFigures> RunAsync(string serverConnectionString, string files, string profiles, IReadOnlyList<int> sizes, int seizures, int concurrency)
    {
        var roll = RollReader.Read(Path.Combine(files, "taxpayers.csv"), Path.Combine(files, "tax_items.csv"), s_rrnKey);
        var known = ExchangeProfile.LoadAll(profiles);
        var accounts = PopulationGenerator.Exchanges.Select(e => AccountFileReader.Read(Path.Combine(files, e.File), known[e.Exchange], s_rrnKey)).ToArray();
        Console.WriteLine($"Data: {roll.Taxpayers.Count:N0} taxpayers, {accounts.Sum(f => f.Accounts.Count):N0} accounts; lifecycle: {seizures:N0} seizures, {concurrency} concurrent callers");
        Console.WriteLine();

        await using var simulator = await ExchangeSimProcess.StartAsync();
        using var http = new HttpClient();
        var exchanges = new ExchangeSimClient(http, simulator.Url);
        using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning).AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));

        var (local, localCpu) = await LocalReadAsync(concurrency);
        Console.WriteLine("| what | calls/s | p50 ms | p99 ms | vs. baseline | CPU per call, µs: caller + silos |");
        Console.WriteLine("|---|---|---|---|---|---|");
        Console.WriteLine($"| read of an active grain inside the silo, {concurrency} concurrent (baseline) | {local.Rate:N0} | {local.P50:F2} | {local.P99:F2} | 1.0× | {localCpu.TotalMicroseconds:F0} (one process) |");

        var results = new List<ClusterSizeFigures>();
        foreach (var size in sizes)
        {
            results.Add(await RunSizeAsync(serverConnectionString, size, roll, accounts, exchanges, simulator, seizures, concurrency, loggers));
            var (hop, hopCpu) = (results[^1].Hop, results[^1].HopCpu!);
            Console.WriteLine($"| same read from a client process through a gateway, {size} silo(s) | {hop.PerSecond:N0} | {hop.P50Ms:F2} | {hop.P99Ms:F2} | {local.Rate / hop.PerSecond:F1}× slower | {hopCpu.CallerMicroseconds:F0} + {hopCpu.SilosMicroseconds:F0} = {hopCpu.TotalMicroseconds:F0} ({hopCpu.TotalMicroseconds / localCpu.TotalMicroseconds:F1}×) |");
        }

        Console.WriteLine();
        Console.WriteLine("| silos | import roll (taxpayers/s) | import accounts (rows/s) | sweep (candidates/s) | lifecycle (transitions/s) | lifecycle p50 / p99 ms per open call | vs. 1 silo (import / sweep / lifecycle) | a silo's peak memory after the sweep / at the end (MB) | the sweep's filing / learning / comparing / recording (s) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        var one = results[0];
        foreach (var r in results)
        {
            Console.WriteLine($"| {r.Silos} | {r.TaxpayersPerSecond:N0} | {r.AccountRowsPerSecond:N0} | {r.CandidatesPerSecond:N0} ({r.Candidates:N0} in {r.SweepSeconds:F1} s) | {r.TransitionsPerSecond:N0} ({r.Transitions:N0} in {r.LifecycleSeconds:F1} s, {r.Closed:N0} closed) | {r.Open.P50Ms:F0} / {r.Open.P99Ms:F0} | "
                + $"{(r.TaxpayersPerSecond + r.AccountRowsPerSecond) / (one.TaxpayersPerSecond + one.AccountRowsPerSecond):F2}× / {r.CandidatesPerSecond / one.CandidatesPerSecond:F2}× / {r.TransitionsPerSecond / one.TransitionsPerSecond:F2}× | {r.SiloPeakRssAfterSweepMb:N0} / {r.SiloPeakRssMb:N0} | {SweepBenchmark.Phases(r.SweepPhases)} |");
        }

        return new ClusterFigures(roll.Taxpayers.Count, accounts.Sum(f => f.Accounts.Count), seizures, concurrency, local.Throughput, results) { LocalReadCpu = localCpu };
    }

    private static async Task<ClusterSizeFigures> RunSizeAsync(
        string serverConnectionString, int size, RollFile roll, AccountFile[] accounts, ExchangeSimClient exchanges, ExchangeSimProcess simulator, int seizures, int concurrency, ILoggerFactory loggers)
    {
        var schema = $"bench_{size}_{Guid.NewGuid():N}"[..24];
        await ExecuteAsync(serverConnectionString, $"CREATE SCHEMA {schema}");
        var connectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { SearchPath = schema }.ToString();
        try
        {
            // The shipped membership timings, as an operator would run them; no distribution delay,
            // so that a seizure runs to its close in one go.
            await using var cluster = await ProcessCluster.StartAsync(connectionString, size, new Dictionary<string, string>
            {
                [ExchangeSettings.Variable] = simulator.Url.ToString(),
                [simulator.CallbackSecretVariable.Key] = simulator.CallbackSecretVariable.Value,
                ["TRACKING_SEIZURES__POLICY__DISTRIBUTIONDELAY"] = "00:00:00",
            });
            await using var client = await TrackingClient.ConnectAsync(connectionString, new TrackingSiloOptions(), loggers, CancellationToken.None);
            var importer = client.Context.Importer();
            var clock = Stopwatch.StartNew();
            await importer.ImportRollAsync(roll, null, CancellationToken.None);
            var rollSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            foreach (var file in accounts)
            {
                await importer.ImportAccountsAsync(file, null, CancellationToken.None);
            }

            var accountSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var sweep = await client.Context.Grains.GetGrain<ISweepGrain>(ISweepGrain.Main).RunAsync("loadtest");
            var sweepSeconds = clock.Elapsed.TotalSeconds;
            var peakAfterSweep = SiloPeakRssMb(cluster);

            var (hop, hopCpu) = await MeasureReadsAsync(
                roll.Taxpayers.Take(2_000).Select(t => t.TaxpayerId).ToArray(), concurrency, rounds: 10, [.. cluster.Silos.Select(s => s.Process)], id => client.Context.Grains.GetGrain<ITaxpayerGrain>(id).GetAsync());

            var (open, transitions, closed, lifecycleSeconds) = await LifecycleAsync(client.Context, connectionString, exchanges, $"bench{size}", seizures, concurrency);
            return new ClusterSizeFigures(
                size,
                hop.Throughput,
                roll.Taxpayers.Count / rollSeconds,
                accounts.Sum(f => f.Rows) / accountSeconds,
                sweep.CandidatesFound / sweepSeconds,
                sweep.CandidatesFound,
                sweepSeconds,
                open.Throughput,
                transitions / lifecycleSeconds,
                transitions,
                closed,
                lifecycleSeconds)
            {
                SiloPeakRssAfterSweepMb = peakAfterSweep,
                SiloPeakRssMb = SiloPeakRssMb(cluster),
                SweepPhases = sweep.Phases,
                HopCpu = hopCpu,
            };
        }
        finally
        {
            await ExecuteAsync(serverConnectionString, $"DROP SCHEMA {schema} CASCADE");
        }
    }

    /// <summary>The highest peak resident memory (the kernel's high-water mark) of the cluster's silo processes, in MB.</summary>
    private static long SiloPeakRssMb(ProcessCluster cluster) =>
        cluster.Silos.Max(silo =>
        {
            silo.Process.Refresh();
            return silo.Process.PeakWorkingSet64;
        }) / (1024 * 1024);

    /// <summary>
    /// Seizures of accounts holding enough KRW: each runs notice → effect → remittance → release →
    /// distribution → close through the simulator's callbacks. Timed from the first open call to the last close.
    /// </summary>
    private static async Task<(ConcurrentCalls.Result Open, long Transitions, long Closed, double Seconds)> LifecycleAsync(
        TrackingContext client, string connectionString, ExchangeSimClient exchanges, string exchange, int seizures, int concurrency)
    {
        var taxpayers = Enumerable.Range(0, seizures).Select(i => $"L{i:D7}").ToArray();
        var item = new TaxItem("I-1", "지방소득세", new DateOnly(2025, 5, 31), 1_000_000, 0, 0);
        await client.States.WriteBatchAsync(
            [.. taxpayers.Select(t => TaxpayerGrain.Creation(new TaxpayerProfile(t, "벤치", null, null, null, null, null), [item], client.Clock.GetUtcNow()))],
            CancellationToken.None);
        await exchanges.PutAccountsAsync(exchange, [.. taxpayers.Select(t => new SimAccountLoad("A-" + t, [new SimHolding(Seizure.KrwAsset, 2_000_000m, 0)], Closed: false))], CancellationToken.None);
        await exchanges.SetFaultsAsync(exchange, new FaultOptions { MaxLatencyMs = 0, MaxProcessingMs = 0, MaxSlippage = 0 }, CancellationToken.None);

        var clock = Stopwatch.StartNew();
        var open = await ConcurrentCalls.MeasureAsync(taxpayers, concurrency, t =>
            client.Grains.GetGrain<ISeizureGrain>(SeizureKey.Of(t, exchange, "A-" + t)).OpenAsync(t, exchange, "A-" + t, Said.Typed("benchmark"), "officer:bench"));
        long closed;
        while ((closed = await CountAsync(connectionString, "SELECT count(*) FROM grain_events WHERE grain_type = 'seizure' AND event_type = 'SeizureClosed'")) < seizures
            && clock.Elapsed < TimeSpan.FromMinutes(10))
        {
            await Task.Delay(100);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var transitions = await CountAsync(connectionString, "SELECT count(DISTINCT (grain_key, version)) FROM grain_events WHERE grain_type = 'seizure'");
        return (open, transitions, closed, seconds);
    }

    /// <summary>The baseline of the hop: the same read of active taxpayers inside a silo of this process, on an embedded store.</summary>
    private static async Task<(ConcurrentCalls.Result Reads, CallCpu Cpu)> LocalReadAsync(int concurrency)
    {
        var data = Directory.CreateTempSubdirectory("tracking-bench-");
        try
        {
            await using var silo = await BenchSilo.StartAsync(new SqliteStore(data.FullName));
            var ids = Enumerable.Range(0, 2_000).Select(i => $"H{i:D5}").ToArray();
            await silo.Context.States.WriteBatchAsync(
                [.. ids.Select(t => TaxpayerGrain.Creation(new TaxpayerProfile(t, "벤치", null, null, null, null, null), [], DateTimeOffset.UtcNow))],
                CancellationToken.None);
            return await MeasureReadsAsync(ids, concurrency, rounds: 10, silos: [], id => silo.Grains.GetGrain<ITaxpayerGrain>(id).GetAsync());
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Reads every grain <paramref name="rounds"/> times untimed (activating it, and letting the
    /// runtime compile the hot code on both sides), then as many times again, timed, with the CPU
    /// this process and <paramref name="silos"/> spent on them.
    /// </summary>
    private static async Task<(ConcurrentCalls.Result Reads, CallCpu Cpu)> MeasureReadsAsync(string[] keys, int concurrency, int rounds, IReadOnlyList<Process> silos, Func<string, Task> read)
    {
        string[] calls = [.. Enumerable.Range(0, rounds).SelectMany(_ => keys)];
        await ConcurrentCalls.MeasureAsync(calls, concurrency, read);
        return await CallCpu.MeasureAsync(silos, calls.Length, () => ConcurrentCalls.MeasureAsync(calls, concurrency, read));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
