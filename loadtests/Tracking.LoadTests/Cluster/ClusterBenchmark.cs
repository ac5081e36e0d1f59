using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using Tracking.Domain.Ledger;
using Tracking.Domain.Seizures;
using Tracking.Domain.Taxpayers;
using Tracking.ExchangeApi.Simulator;
using Tracking.Grains.Imports;
using Tracking.Grains.Seizures;
using Tracking.Grains.Sweeps;
using Tracking.Grains.Taxpayers;
using Tracking.Ingest.Accounts;
using Tracking.Ingest.Roll;
using Tracking.Runtime.Postgres;
using Tracking.Runtime.Sqlite;
using Tracking.Silo.Hosting;
using Tracking.Silo.Scenarios;
using Tracking.TestingHost;

namespace Tracking.LoadTests.Cluster;

/// <summary>
/// The same work on clusters of 1, 2 and 4 silo processes of the real program on one PostgreSQL,
/// driven by a client in this process (every call crosses to a silo over HTTP/2): import and
/// sweep of generated files, then a lifecycle load against the exchange simulator process. The
/// 1-silo cluster is the baseline of the ratios. The hop itself is measured as a read of an
/// active grain from this process against the same read inside an embedded silo.
/// </summary>
internal static class ClusterBenchmark
{
    private static readonly byte[] s_rrnKey = "loadtest-rrn-key-not-a-secret-01"u8.ToArray();

    public static async Task RunAsync(string serverConnectionString, string files, string profiles, IReadOnlyList<int> sizes, int seizures, int concurrency)
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

        var local = await LocalReadAsync(loggers, concurrency);
        Console.WriteLine("| what | calls/s | p50 ms | p99 ms | vs. baseline |");
        Console.WriteLine("|---|---|---|---|---|");
        Console.WriteLine($"| read of an active grain inside the silo, {concurrency} concurrent (baseline) | {local.Rate:N0} | {local.P50:F2} | {local.P99:F2} | 1.0× |");

        var results = new List<SizeResult>();
        foreach (var size in sizes)
        {
            results.Add(await RunSizeAsync(serverConnectionString, size, roll, accounts, exchanges, simulator.Url, seizures, concurrency, loggers));
            var hop = results[^1].Hop;
            Console.WriteLine($"| same read from a client process, one hop over HTTP/2, {size} silo(s) | {hop.Rate:N0} | {hop.P50:F2} | {hop.P99:F2} | {local.Rate / hop.Rate:F1}× slower |");
        }

        Console.WriteLine();
        Console.WriteLine("| silos | import roll (taxpayers/s) | import accounts (rows/s) | sweep (candidates/s) | lifecycle (transitions/s) | lifecycle p50 / p99 ms per open call | vs. 1 silo (import / sweep / lifecycle) |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        var one = results[0];
        foreach (var r in results)
        {
            Console.WriteLine($"| {r.Silos} | {r.RollRate:N0} | {r.AccountRate:N0} | {r.SweepRate:N0} ({r.Candidates:N0} in {r.SweepSeconds:F1} s) | {r.TransitionRate:N0} ({r.Transitions:N0} in {r.LifecycleSeconds:F1} s, {r.Closed:N0} closed) | {r.Open.P50:F0} / {r.Open.P99:F0} | "
                + $"{(r.RollRate + r.AccountRate) / (one.RollRate + one.AccountRate):F2}× / {r.SweepRate / one.SweepRate:F2}× / {r.TransitionRate / one.TransitionRate:F2}× |");
        }
    }

    private static async Task<SizeResult> RunSizeAsync(
        string serverConnectionString, int size, RollFile roll, AccountFile[] accounts, ExchangeSimClient exchanges, Uri simulator, int seizures, int concurrency, ILoggerFactory loggers)
    {
        var schema = $"bench_{size}_{Guid.NewGuid():N}"[..24];
        await ExecuteAsync(serverConnectionString, $"CREATE SCHEMA {schema}");
        var connectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { SearchPath = schema }.ToString();
        try
        {
            // Production timings (a loaded 2-core machine must not take busy silos for dead ones);
            // no distribution delay, so that a seizure runs to its close in one go.
            await using var cluster = await ProcessCluster.StartAsync(connectionString, size, new Dictionary<string, string>
            {
                [ExchangeSettings.Variable] = simulator.ToString(),
                ["TRACKING_SILO__CLUSTER__HEARTBEATINTERVAL"] = "00:00:01",
                ["TRACKING_SILO__CLUSTER__SILOTIMEOUT"] = "00:00:10",
                ["TRACKING_SILO__CLUSTER__LEASEDURATION"] = "00:00:10",
                ["TRACKING_SILO__CLUSTER__LEASESAFETYMARGIN"] = "00:00:02",
                ["TRACKING_SILO__DEFAULTCALLTIMEOUT"] = "00:05:00",
                ["TRACKING_SEIZURES__POLICY__DISTRIBUTIONDELAY"] = "00:00:00",
            });
            await using var client = TrackingSilo.Create(new PostgresStorageProvider(connectionString), loggers, configure: o =>
            {
                o.PartitionCount = ProcessCluster.PartitionCount;
                o.Cluster.ClientOnly = true;
                o.DefaultCallTimeout = TimeSpan.FromMinutes(5);
            });
            await client.StartAsync(CancellationToken.None);
            client.ThrowIfNotRunning();

            var importer = new Importer(client, client);
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
            var sweep = await client.GetGrain<ISweepGrain>(SweepGrain.Main).RunAsync("loadtest", TimeSpan.FromHours(2));
            var sweepSeconds = clock.Elapsed.TotalSeconds;

            var hop = await MeasureReadsAsync(roll.Taxpayers.Take(2_000).Select(t => t.TaxpayerId).ToArray(), concurrency, rounds: 10, id => client.GetGrain<ITaxpayerGrain>(id).GetAsync());

            var (open, transitions, closed, lifecycleSeconds) = await LifecycleAsync(client, connectionString, exchanges, $"bench{size}", seizures, concurrency);
            return new SizeResult(
                size,
                roll.Taxpayers.Count / rollSeconds,
                accounts.Sum(f => f.Rows) / accountSeconds,
                sweep.CandidatesFound / sweepSeconds,
                sweep.CandidatesFound,
                sweepSeconds,
                hop,
                open,
                transitions / lifecycleSeconds,
                transitions,
                closed,
                lifecycleSeconds);
        }
        finally
        {
            await ExecuteAsync(serverConnectionString, $"DROP SCHEMA {schema} CASCADE");
        }
    }

    /// <summary>
    /// Seizures of accounts holding enough KRW: each runs notice → effect → remittance → release →
    /// distribution → close through the simulator's callbacks. Timed from the first open call to the last close.
    /// </summary>
    private static async Task<(ConcurrentCalls.Result Open, long Transitions, long Closed, double Seconds)> LifecycleAsync(
        Runtime.Hosting.Silo client, string connectionString, ExchangeSimClient exchanges, string exchange, int seizures, int concurrency)
    {
        var taxpayers = Enumerable.Range(0, seizures).Select(i => $"L{i:D7}").ToArray();
        var item = new TaxItem("I-1", "지방소득세", new DateOnly(2025, 5, 31), 1_000_000, 0, 0);
        await client.CreateManyAsync<ITaxpayerGrain, TaxpayerLedger, TaxpayerEvent>(
            taxpayers.Select(t => TaxpayerGrain.Creation(new RegisterTaxpayer(new TaxpayerProfile(t, "벤치", null, null, null, null, null), [item]))).ToArray(),
            CancellationToken.None);
        await exchanges.PutAccountsAsync(exchange, [.. taxpayers.Select(t => new SimAccountLoad("A-" + t, [new SimHolding(Seizure.KrwAsset, 2_000_000m, 0)], Closed: false))], CancellationToken.None);
        await exchanges.SetFaultsAsync(exchange, new FaultOptions { MaxLatencyMs = 0, MaxProcessingMs = 0, MaxSlippage = 0 }, CancellationToken.None);

        var clock = Stopwatch.StartNew();
        var open = await ConcurrentCalls.MeasureAsync(taxpayers, concurrency, t =>
            client.GetGrain<ISeizureGrain>(SeizureKey.Of(t, exchange, "A-" + t)).OpenAsync(t, exchange, "A-" + t, "benchmark", "officer:bench"));
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

    /// <summary>The baseline of the hop: the same read of active taxpayers inside an embedded silo of this process.</summary>
    private static async Task<ConcurrentCalls.Result> LocalReadAsync(ILoggerFactory loggers, int concurrency)
    {
        var data = Directory.CreateTempSubdirectory("tracking-bench-");
        try
        {
            await using var silo = TrackingSilo.Create(new SqliteStorageProvider(data.FullName), loggers);
            await silo.StartAsync(CancellationToken.None);
            var ids = Enumerable.Range(0, 2_000).Select(i => $"H{i:D5}").ToArray();
            await silo.CreateManyAsync<ITaxpayerGrain, TaxpayerLedger, TaxpayerEvent>(
                ids.Select(t => TaxpayerGrain.Creation(new RegisterTaxpayer(new TaxpayerProfile(t, "벤치", null, null, null, null, null), []))).ToArray(),
                CancellationToken.None);
            return await MeasureReadsAsync(ids, concurrency, rounds: 10, id => silo.GetGrain<ITaxpayerGrain>(id).GetAsync());
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    /// <summary>Reads every grain once to activate it, then <paramref name="rounds"/> more times, timed.</summary>
    private static async Task<ConcurrentCalls.Result> MeasureReadsAsync(string[] keys, int concurrency, int rounds, Func<string, Task> read)
    {
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (key, _) => await read(key));
        return await ConcurrentCalls.MeasureAsync([.. Enumerable.Range(0, rounds).SelectMany(_ => keys)], concurrency, read);
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

    private sealed record SizeResult(
        int Silos,
        double RollRate,
        double AccountRate,
        double SweepRate,
        int Candidates,
        double SweepSeconds,
        ConcurrentCalls.Result Hop,
        ConcurrentCalls.Result Open,
        double TransitionRate,
        long Transitions,
        long Closed,
        double LifecycleSeconds);
}
