using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Tracking.LoadTests;
using Tracking.Runtime.Hosting;
using Tracking.Runtime.Persistence;
using Tracking.Runtime.Postgres;
using Tracking.Runtime.Sqlite;

var seconds = new Option<int>("--seconds") { Description = "How long each measurement runs", DefaultValueFactory = _ => 5 };
var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string; without it only the embedded store is measured" };
var grains = new Option<int>("--grains") { Description = "Grains written to", DefaultValueFactory = _ => 4_096 };
var concurrency = new Option<int>("--concurrency") { Description = "Concurrent writers", DefaultValueFactory = _ => 256 };

var calls = new Command("grain-calls", "In-silo call cost to an active grain vs. a plain interface call") { seconds };
calls.SetAction(async (result, ct) =>
{
    var data = Directory.CreateTempSubdirectory("tracking-bench-");
    await using var hosted = await StartAsync(new SqliteStorageProvider(data.FullName));
    Console.WriteLine("| what | time per call | allocated per call | vs. baseline |");
    Console.WriteLine("|---|---|---|---|");
    await GrainCallBenchmark.RunAsync(hosted.Silo, TimeSpan.FromSeconds(result.GetValue(seconds)));
    await hosted.Silo.StopAsync(ct);
    data.Delete(recursive: true);
});

var writes = new Command("durable-writes", "Durable grain writes per second, group commit vs. one transaction per write") { seconds, postgres, grains, concurrency };
writes.SetAction(async (result, ct) =>
{
    var duration = TimeSpan.FromSeconds(result.GetValue(seconds));
    Console.WriteLine("| store | what | writes/s | p50 ms | p99 ms | vs. baseline |");
    Console.WriteLine("|---|---|---|---|---|---|");
    var data = Directory.CreateTempSubdirectory("tracking-bench-");
    await RunWritesAsync("SQLite", () => new SqliteStorageProvider(data.FullName));
    data.Delete(recursive: true);
    if (result.GetValue(postgres) is { } connectionString)
    {
        await RunWritesAsync("PostgreSQL", () => new PostgresStorageProvider(connectionString));
    }

    async Task RunWritesAsync(string name, Func<IStorageProvider> provider)
    {
        await using var hosted = await StartAsync(provider());
        await DurableWriteBenchmark.RunAsync(name, provider, hosted.Silo, result.GetValue(grains), result.GetValue(concurrency), duration);
        await hosted.Silo.StopAsync(ct);
    }
});

var taxpayers = new Option<int>("--taxpayers") { Description = "Taxpayers on the generated roll", DefaultValueFactory = _ => 1_000_000 };
var rows = new Option<int>("--rows") { Description = "Account rows over the five exchanges", DefaultValueFactory = _ => 10_000_000 };
var dataDir = new Option<DirectoryInfo>("--files") { Description = "Where the generated files are kept (generated once per size)", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(Path.GetTempPath(), "tracking-sweep-data")) };
var stores = new Option<string>("--stores") { Description = "sqlite, postgres or both", DefaultValueFactory = _ => "both" };
var profiles = new Option<DirectoryInfo>("--profiles") { Description = "Exchange profiles folder", Required = true };
var sweep = new Command("sweep", "Files to candidates at scale vs. a plain hash join, the matcher in memory and a PostgreSQL join") { taxpayers, rows, dataDir, postgres, stores, profiles };
sweep.SetAction(async (result, ct) =>
{
    var files = GeneratedFiles(result);

    var connectionString = result.GetValue(postgres);
    var which = result.GetValue(stores)!;
    var embedded = Directory.CreateTempSubdirectory("tracking-sweep-store-");
    var chosen = new List<(string, Tracking.Silo.Hosting.StorageSettings)>();
    if (which is "sqlite" or "both")
    {
        chosen.Add(("SQLite", new Tracking.Silo.Hosting.StorageSettings(embedded.FullName, null)));
    }

    if (which is "postgres" or "both" && connectionString is not null)
    {
        chosen.Add(("PostgreSQL", new Tracking.Silo.Hosting.StorageSettings(embedded.FullName, connectionString)));
    }

    await Tracking.LoadTests.Sweep.SweepBenchmark.RunAsync(files, result.GetValue(profiles)!.FullName, chosen, connectionString);
    embedded.Delete(recursive: true);
});

var seizures = new Option<int>("--seizures") { Description = "Seizures opened and closed", DefaultValueFactory = _ => 20_000 };
var lifecycle = new Command("lifecycle", "Durable seizure transitions per second and latency on one silo, against one durable write per call") { seizures, concurrency, postgres };
lifecycle.SetAction(async (result, ct) =>
{
    Console.WriteLine("| store | what | rate | p50 ms per transition | p99 ms per transition | vs. baseline |");
    Console.WriteLine("|---|---|---|---|---|---|");
    if (result.GetValue(postgres) is { } connectionString)
    {
        await Tracking.LoadTests.Lifecycle.LifecycleBenchmark.RunAsync("PostgreSQL", () => new PostgresStorageProvider(connectionString), result.GetValue(seizures), result.GetValue(concurrency));
    }

    var data = Directory.CreateTempSubdirectory("tracking-bench-");
    await Tracking.LoadTests.Lifecycle.LifecycleBenchmark.RunAsync("SQLite", () => new SqliteStorageProvider(data.FullName), result.GetValue(seizures), result.GetValue(concurrency));
    data.Delete(recursive: true);
});

var silos = new Option<int[]>("--silos") { Description = "Cluster sizes to measure, the first being the baseline", DefaultValueFactory = _ => [1, 2, 4], AllowMultipleArgumentsPerToken = true };
var cluster = new Command("cluster", "Import, sweep and lifecycle load on clusters of silo processes, and the cost of a call crossing to another process")
{
    taxpayers, rows, dataDir, postgres, profiles, seizures, concurrency, silos,
};
cluster.SetAction(async (result, ct) =>
{
    var files = GeneratedFiles(result);

    var connectionString = result.GetValue(postgres) ?? throw new InvalidOperationException("--postgres is required: a cluster lives on PostgreSQL");
    await Tracking.LoadTests.Cluster.ClusterBenchmark.RunAsync(connectionString, files, result.GetValue(profiles)!.FullName, result.GetValue(silos)!, result.GetValue(seizures), result.GetValue(concurrency));
});

var connections = new Option<int>("--connections") { Description = "wrk's open connections", DefaultValueFactory = _ => 32 };
var prices = new Option<FileInfo>("--prices") { Description = "Market prices for the exchange simulator (the samples' prices.csv)", Required = true };
var api = new Command("api", "The case API under wrk on loopback: grain-state reads and list pages against the same HTTP path without a grain")
{
    taxpayers, rows, dataDir, postgres, stores, profiles, seconds, connections, prices,
};
api.SetAction(async (result, ct) =>
{
    var files = GeneratedFiles(result);
    var which = result.GetValue(stores)!;
    var bench = new Tracking.LoadTests.Api.ApiBenchmark(files, result.GetValue(profiles)!.FullName, result.GetValue(prices)!.FullName, result.GetValue(seconds), result.GetValue(connections));
    if (which is "sqlite" or "both")
    {
        var embedded = Directory.CreateTempSubdirectory("tracking-api-store-");
        await bench.RunAsync("SQLite", new Tracking.Silo.Hosting.StorageSettings(embedded.FullName, null));
        embedded.Delete(recursive: true);
    }

    if (which is "postgres" or "both" && result.GetValue(postgres) is { } connectionString)
    {
        await bench.RunAsync("PostgreSQL", new Tracking.Silo.Hosting.StorageSettings("", connectionString));
    }
});

return await new RootCommand("Tracking benchmarks") { calls, writes, sweep, lifecycle, cluster, api }.Parse(args).InvokeAsync();

// The generated roll and exchange files of the asked size, written once and kept for later runs.
string GeneratedFiles(ParseResult result)
{
    System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
    var files = Path.Combine(result.GetValue(dataDir)!.FullName, $"{result.GetValue(taxpayers)}-{result.GetValue(rows)}");
    if (!File.Exists(Path.Combine(files, "truth.csv")))
    {
        Console.Error.WriteLine($"Generating {files} ...");
        new Tracking.TestingHost.PopulationGenerator(result.GetValue(taxpayers), result.GetValue(rows), seed: 20261121).Write(files);
    }

    return files;
}

static Task<HostedSilo> StartAsync(IStorageProvider storage) => HostedSilo.StartAsync(configure =>
{
    var options = new SiloOptions { Json = BenchJsonContext.Options };
    configure(options);
    return new Silo(options, storage, new GrainTypeRegistry().Add<IBenchGrain, BenchGrain>(), new ServiceCollection().BuildServiceProvider(), NullLoggerFactory.Instance, TimeProvider.System);
});
