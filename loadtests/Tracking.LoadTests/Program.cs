using System.CommandLine;
using Tracking.LoadTests;
using Tracking.LoadTests.Api;
using Tracking.LoadTests.Cluster;
using Tracking.LoadTests.Comparison;
using Tracking.LoadTests.Failover;
using Tracking.LoadTests.Lifecycle;
using Tracking.LoadTests.Linkage;
using Tracking.LoadTests.Office;
using Tracking.LoadTests.Reporting;
using Tracking.LoadTests.Sweep;
using Tracking.Silo.Hosting;
using Tracking.Storage.Postgres;
using Tracking.Storage.Sqlite;

// Every command prints markdown tables, then one JSON line of its figures ({"benchmark":"NAME",…}).
var seconds = new Option<int>("--seconds") { Description = "How long each measurement runs", DefaultValueFactory = _ => 5 };
var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string; without it only the embedded store is measured" };
var grains = new Option<int>("--grains") { Description = "Grains written to", DefaultValueFactory = _ => 4_096 };
var concurrency = new Option<int>("--concurrency") { Description = "Concurrent writers", DefaultValueFactory = _ => 256 };

var calls = new Command("grain-calls", "Call cost to an active grain (in a silo, grain to grain, client to silo, silo to silo) vs. a plain interface call") { seconds, postgres };
calls.SetAction(async (result, ct) =>
{
    var connectionString = result.GetValue(postgres) ?? throw new InvalidOperationException("--postgres is required: the silo-to-silo call needs a cluster, which lives on PostgreSQL");
    FiguresLine.Write("grain-calls", await GrainCallBenchmark.RunAsync(connectionString, TimeSpan.FromSeconds(result.GetValue(seconds))));
});

var writes = new Command("durable-writes", "Durable grain writes per second: our store's group commit and Orleans' ADO.NET grain storage vs. one transaction per write") { seconds, postgres, grains, concurrency };
writes.SetAction(async (result, ct) =>
{
    var duration = TimeSpan.FromSeconds(result.GetValue(seconds));
    Console.WriteLine("| store | what | writes/s | p50 ms | p99 ms | vs. baseline |");
    Console.WriteLine("|---|---|---|---|---|---|");
    var stores = new List<StoreWriteFigures>();
    var data = Directory.CreateTempSubdirectory("tracking-bench-");
    stores.Add(await DurableWriteBenchmark.RunAsync("SQLite", () => new SqliteStore(data.FullName), result.GetValue(grains), result.GetValue(concurrency), duration));
    data.Delete(recursive: true);
    if (result.GetValue(postgres) is { } connectionString)
    {
        stores.Add(await DurableWriteBenchmark.RunAsync("PostgreSQL", () => new PostgresStore(connectionString), result.GetValue(grains), result.GetValue(concurrency), duration));
    }

    FiguresLine.Write("durable-writes", new DurableWriteFigures(result.GetValue(grains), result.GetValue(concurrency), duration.TotalSeconds, stores));
});

var taxpayers = new Option<int>("--taxpayers") { Description = "Taxpayers on the generated roll", DefaultValueFactory = _ => 1_000_000 };
var rows = new Option<int>("--rows") { Description = "Account rows over the five exchanges", DefaultValueFactory = _ => 10_000_000 };
var dataDir = new Option<DirectoryInfo>("--files") { Description = "Where the generated files are kept (generated once per size)", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(Path.GetTempPath(), "tracking-sweep-data")) };
var stores = new Option<string>("--stores") { Description = "sqlite, postgres, both, or none (the in-memory phases only)", DefaultValueFactory = _ => "both" };
var profiles = new Option<DirectoryInfo>("--profiles") { Description = "Exchange profiles folder", Required = true };
var explain = new Option<bool>("--explain") { Description = "Also list the review queue and the true pairs not found by their evidence and weight" };
var sweep = new Command("sweep", "Files to candidates at scale vs. a plain hash join, the matcher in memory and a PostgreSQL join") { taxpayers, rows, dataDir, postgres, stores, profiles, explain };
sweep.SetAction(async (result, ct) =>
{
    var files = GeneratedFiles(result);
    var connectionString = result.GetValue(postgres);
    var which = result.GetValue(stores)!;
    var embedded = Directory.CreateTempSubdirectory("tracking-sweep-store-");
    var chosen = new List<(string, StorageSettings)>();
    if (which is "sqlite" or "both")
    {
        chosen.Add(("SQLite", new StorageSettings(embedded.FullName, null)));
    }

    if (which is "postgres" or "both" && connectionString is not null)
    {
        chosen.Add(("PostgreSQL", new StorageSettings(embedded.FullName, connectionString)));
    }

    FiguresLine.Write("sweep", await SweepBenchmark.RunAsync(files, result.GetValue(profiles)!.FullName, chosen, connectionString, result.GetValue(explain)));
    embedded.Delete(recursive: true);
});

var febrl = new Option<DirectoryInfo>("--febrl") { Description = "The FEBRL data folder (../shared/data/febrl)", Required = true };
var picture = new Option<FileInfo>("--picture") { Description = "Where FEBRL-4's precision–recall curves are drawn (SVG)", DefaultValueFactory = _ => new FileInfo("linkage-febrl4-precision-recall.svg") };
var linkage = new Command("linkage", "Linkage quality on FEBRL 1–4 with weights learnt from each set: auto, review, recall, precision per weight threshold") { febrl, picture };
linkage.SetAction(result => FiguresLine.Write("linkage", new { Sets = LinkageBenchmark.Run(result.GetValue(febrl)!.FullName, result.GetValue(picture)!.FullName) }));

var seizures = new Option<int>("--seizures") { Description = "Seizures opened and closed", DefaultValueFactory = _ => 20_000 };
var lifecycle = new Command("lifecycle", "Durable seizure transitions per second and latency on one silo, against one durable write per call") { seizures, concurrency, postgres };
lifecycle.SetAction(async (result, ct) =>
{
    Console.WriteLine("| store | what | rate | p50 ms per transition | p99 ms per transition | vs. baseline |");
    Console.WriteLine("|---|---|---|---|---|---|");
    var measured = new List<StoreLifecycleFigures>();
    if (result.GetValue(postgres) is { } connectionString)
    {
        measured.Add(await LifecycleBenchmark.RunAsync("PostgreSQL", new PostgresStore(connectionString), connectionString, result.GetValue(seizures), result.GetValue(concurrency)));
    }

    var data = Directory.CreateTempSubdirectory("tracking-bench-");
    measured.Add(await LifecycleBenchmark.RunAsync("SQLite", new SqliteStore(data.FullName), null, result.GetValue(seizures), result.GetValue(concurrency)));
    data.Delete(recursive: true);
    FiguresLine.Write("lifecycle", new LifecycleFigures(result.GetValue(seizures), result.GetValue(concurrency), measured));
    return measured.All(m => m.Closed == result.GetValue(seizures) && m.MoneyMismatches == 0) ? 0 : 1;
});

var silos = new Option<int[]>("--silos") { Description = "Cluster sizes to measure, the first being the baseline", DefaultValueFactory = _ => [1, 2], AllowMultipleArgumentsPerToken = true };
var cluster = new Command("cluster", "Import, sweep and lifecycle load on clusters of silo processes, and the cost of a call crossing to another process")
{
    taxpayers, rows, dataDir, postgres, profiles, seizures, concurrency, silos,
};
cluster.SetAction(async (result, ct) =>
{
    var files = GeneratedFiles(result);
    var connectionString = result.GetValue(postgres) ?? throw new InvalidOperationException("--postgres is required: a cluster lives on PostgreSQL");
    FiguresLine.Write("cluster", await ClusterBenchmark.RunAsync(connectionString, files, result.GetValue(profiles)!.FullName, result.GetValue(silos)!, result.GetValue(seizures), result.GetValue(concurrency)));
});

var clusterSize = new Option<int>("--silos") { Description = "Silo processes to start (one of them is killed)", DefaultValueFactory = _ => 3 };
var failover = new Command("failover", "A silo SIGKILLed mid-sweep in a cluster started by start-cluster.sh: time until its grains answer elsewhere; the sweep's matches against an undisturbed run's")
{
    taxpayers, rows, dataDir, postgres, clusterSize,
};
failover.SetAction(async (result, ct) =>
{
    var files = GeneratedFiles(result);
    var connectionString = result.GetValue(postgres) ?? throw new InvalidOperationException("--postgres is required: a cluster lives on PostgreSQL");
    var figures = await FailoverBenchmark.RunAsync(connectionString, files, result.GetValue(clusterSize), result.GetValue(taxpayers), result.GetValue(rows));
    Console.WriteLine("| silos | data | grains probed | kill → first answer | kill → last answer | sweep (with the kill) | candidates | matches equal to an undisturbed embedded run |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|");
    Console.WriteLine($"| {figures.Silos} | {figures.Taxpayers:N0} × {figures.AccountRows:N0} | {figures.GrainsProbed} | {figures.KillToFirstAnswerMs:N0} ms | {figures.KillToAllAnswersMs:N0} ms | {figures.SweepSeconds:N1} s | {figures.Candidates:N0} | {(figures.MatchesEqual ? "yes" : "NO")} |");
    FiguresLine.Write("failover", figures);
    return figures.MatchesEqual ? 0 : 1;
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
    var bench = new ApiBenchmark(files, result.GetValue(profiles)!.FullName, result.GetValue(prices)!.FullName, result.GetValue(seconds), result.GetValue(connections));
    var measured = new List<ApiStoreFigures>();
    if (which is "sqlite" or "both")
    {
        var embedded = Directory.CreateTempSubdirectory("tracking-api-store-");
        measured.Add(await bench.RunAsync("SQLite", new StorageSettings(embedded.FullName, null)));
        embedded.Delete(recursive: true);
    }

    if (which is "postgres" or "both" && result.GetValue(postgres) is { } connectionString)
    {
        measured.Add(await bench.RunAsync("PostgreSQL", new StorageSettings("", connectionString)));
    }

    FiguresLine.Write("api", new ApiFigures(result.GetValue(seconds), result.GetValue(connections), measured));
});

var days = new Option<int>("--days") { Description = "Simulated days the office works", DefaultValueFactory = _ => 30 };
var daySeconds = new Option<double>("--day-seconds") { Description = "Real seconds a simulated day takes", DefaultValueFactory = _ => 6 };
var officers = new Option<int>("--officers") { Description = "Officers reading case pages at once", DefaultValueFactory = _ => 8 };
var pictures = new Option<DirectoryInfo>("--pictures") { Description = "Where the pictures of each run over time are written (office-month-STORE.svg)", DefaultValueFactory = _ => new DirectoryInfo(".") };
var officeMonth = new Command("office-month", "An office's month through the case API on one silo, the exchange simulator's latency and faults on: every endpoint's latency over time, every case checked at the end")
{
    taxpayers, rows, dataDir, postgres, stores, profiles, prices, days, daySeconds, officers, pictures,
};
officeMonth.SetAction(async (result, ct) =>
{
    var options = new OfficeMonthOptions { Days = result.GetValue(days), DaySeconds = result.GetValue(daySeconds), Officers = result.GetValue(officers) };
    var bench = new OfficeMonthBenchmark(GeneratedFiles(result), result.GetValue(taxpayers), result.GetValue(rows), result.GetValue(profiles)!.FullName, result.GetValue(prices)!.FullName, options);
    var which = result.GetValue(stores)!;
    var measured = new List<OfficeMonthFigures>();
    string Picture(string store) => Path.Combine(result.GetValue(pictures)!.FullName, $"office-month-{store.ToLowerInvariant()}.svg");
    if (which is "sqlite" or "both")
    {
        var embedded = Directory.CreateTempSubdirectory("tracking-office-store-");
        measured.Add(await bench.RunAsync("SQLite", new StorageSettings(embedded.FullName, null), Picture("SQLite"), ct));
        embedded.Delete(recursive: true);
    }

    if (which is "postgres" or "both" && result.GetValue(postgres) is { } connectionString)
    {
        measured.Add(await bench.RunAsync("PostgreSQL", new StorageSettings("", connectionString), Picture("PostgreSQL"), ct));
    }

    FiguresLine.Write("office-month", new { Stores = measured });
    return measured.All(m => m.Failed == 0 && m.CallbacksRefused == 0 && m.Closed == m.Seizures && m.LostEvents == 0 && m.MoneyMismatches == 0 && m.RequestsCarriedOutTwice == 0 && m.PaymentsNotBookedOnce == 0) ? 0 : 1;
});

var before = new Option<DirectoryInfo>("--before") { Description = "The own runtime's benchmark outputs (NAME.md: grain-calls, durable-writes, lifecycle, sweep, cluster)", Required = true };
var after = new Option<DirectoryInfo>("--after") { Description = "This program's benchmark outputs (NAME.out, each ending with its JSON line)", Required = true };
var parameters = new Option<string[]>("--parameters") { Description = "The sizes and durations both sides ran with, as NAME=NUMBER", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [] };
var compare = new Command("compare", "One before/after table of the own runtime's and Orleans' figures, measured on the same machine") { before, after, parameters };
compare.SetAction(result =>
{
    var ran = result.GetValue(parameters)!.Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
    var table = OrleansComparison.Build(ran, OwnRuntimeOutput.Read(result.GetValue(before)!.FullName), OrleansOutput.Read(result.GetValue(after)!.FullName));
    table.WriteMarkdown(Console.Out);
    FiguresLine.Write("orleans-comparison", table);
});

var generate = new Command("generate", "Writes (once) the generated roll and exchange files of a size, as the benchmarks use them, and prints their folder") { taxpayers, rows, dataDir };
generate.SetAction(result => Console.WriteLine(GeneratedFiles(result)));

return await new RootCommand("Tracking benchmarks") { calls, writes, sweep, lifecycle, cluster, failover, api, officeMonth, compare, generate, linkage }.Parse(args).InvokeAsync();

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
