using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Cli.Output;
using Tracking.Domain;
using Tracking.Grains.Exchanges;
using Microsoft.Extensions.Time.Testing;
using Tracking.Grains;
using Tracking.Silo.Telemetry;
using Tracking.Silo.Hosting;
using Tracking.Silo.Scenarios;

namespace Tracking.Cli.Commands;

/// <summary>
/// <c>tracking scenario</c>: the whole lifecycle on the sample data against a running exchange
/// simulator, on a simulated clock, in its own store under <c>DATA/scenario</c>. Killed, it
/// continues from its last step when started again.
/// </summary>
internal static class ScenarioCommand
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(9));

    public static Command Create()
    {
        var samples = new Option<DirectoryInfo>("--samples")
        {
            Description = "Folder with taxpayers.csv, tax_items.csv, prices.csv and exchange files named after their exchange",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("..", "shared", "samples")),
        };
        var days = new Option<int>("--days") { Description = "Simulated days at most", DefaultValueFactory = _ => 45 };
        var stepHours = new Option<int>("--step-hours") { Description = "Simulated hours per step", DefaultValueFactory = _ => 6 };
        var command = new Command("scenario", "Run seizure → collection → release for every automatic match against a started exchange simulator, on a simulated clock; print the outcome")
        {
            samples, days, stepHours, GlobalOptions.Profiles,
        };
        command.SetAction(async (result, ct) =>
        {
            try
            {
                if (result.GetValue(GlobalOptions.Cluster) is { Length: > 0 })
                {
                    throw new CliException("scenario runs its own silo on a simulated clock; a cluster's silos keep real time, so it cannot be run with --cluster.");
                }

                return await RunAsync(result, result.GetValue(samples)!, TimeSpan.FromDays(result.GetValue(days)), TimeSpan.FromHours(result.GetValue(stepHours)), ct);
            }
            catch (CliException ex)
            {
                Console.Error.WriteLine(Say.T("error: {0}", ex.Message));
                return CliAction.Usage;
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(ParseResult result, DirectoryInfo samples, TimeSpan duration, TimeSpan step, CancellationToken ct)
    {
        var exchanges = GlobalOptions.Exchanges(result);
        if (exchanges.ApiRoot is null)
        {
            throw new CliException($"the scenario needs a running exchange simulator: give --exchange-url (or {ExchangeSettings.Variable})");
        }

        if (!samples.Exists)
        {
            throw new CliException($"{samples.FullName} does not exist; point --samples at a folder of input files");
        }

        var data = result.GetValue(GlobalOptions.Data)!;
        var store = Path.Combine(data, "scenario");
        Directory.CreateDirectory(store);
        var clockFile = Path.Combine(store, "scenario-clock.txt");
        var now = File.Exists(clockFile) ? DateTimeOffset.Parse(await File.ReadAllTextAsync(clockFile, ct), CultureInfo.InvariantCulture) : s_start;
        var clock = new FakeTimeProvider(now);
        exchanges.RequestTimeout = TimeSpan.FromSeconds(2);
        var app = SiloWebHost.Build(new SiloHostSettings(new StorageSettings(store, result.GetValue(GlobalOptions.Postgres)), "http://127.0.0.1:0")
        {
            TimeProvider = clock,
            Exchanges = exchanges,
            MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
        });
        await app.StartAsync(ct);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var runner = new ScenarioRunner(app.Services.GetRequiredService<TrackingContext>(), clock, new ExchangeSimClient(http, exchanges.ApiRoot), app.Services.GetRequiredService<GrainCallMonitor>());
            var settings = new ScenarioSettings(samples.FullName, GlobalOptions.LoadProfiles(result), RrnKeyStore.Load(data)) { Duration = duration, Step = step };
            var report = await runner.RunAsync(
                settings,
                s_start,
                at => SaveClockAsync(clockFile, at, ct),
                new Progress<string>(line => Console.Error.WriteLine(line)),
                ct);
            ResultWriter.Write(report, result.GetValue(GlobalOptions.Json), WriteReport);
            return CliAction.Ok;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }

    /// <summary>
    /// Where the simulated clock stands, written aside and renamed over the last: a run killed while
    /// writing it (as the killed-scenario test does) leaves the previous time, never an empty file.
    /// </summary>
    private static async Task SaveClockAsync(string file, DateTimeOffset at, CancellationToken ct)
    {
        var aside = file + ".new";
        await File.WriteAllTextAsync(aside, at.ToString("O", CultureInfo.InvariantCulture), ct);
        File.Move(aside, file, overwrite: true);
    }

    private static void WriteReport(ScenarioReport report)
    {
        Console.WriteLine(Say.T("Simulated {0} → {1}: {2} seizures", KoreaTime.Day(report.SimulatedFrom), KoreaTime.Day(report.SimulatedTo), report.Seizures));
        foreach (var (outcome, count) in report.ByOutcome)
        {
            Console.WriteLine($"  {outcome,-28} {count,5}");
        }

        Console.WriteLine(Say.T("  by exchange: {0}", string.Join(", ", report.ByExchange.Select(e => $"{e.Key} {e.Value}"))));
        Console.WriteLine(Say.T("Collected {0} = applied {1} + refunded {2}", Won.Format(report.Collected), Won.Format(report.Applied), Won.Format(report.Refunded)));
        Console.WriteLine(Say.T("Lead time from match to close: median {0:0.0} d, p90 {1:0.0} d, max {2:0.0} d; {3} closed within 10 days", report.LeadTimeMedianDays, report.LeadTimeP90Days, report.LeadTimeMaxDays, report.ClosedWithinTenDays));
        Console.WriteLine(Say.T("{0} requests to the exchanges", report.RequestsIssued));
    }
}
