using System.CommandLine;
using Tracking.Cli.Output;
using Tracking.Domain.Seizures;
using Tracking.Grains.Exchanges;
using Tracking.Grains.Seizures;
using Tracking.Silo.Access;
using Tracking.Silo.Scenarios;

namespace Tracking.Cli.Commands;

/// <summary>
/// <c>tracking demo</c>: the main job on sample data — import the roll and every exchange file
/// that has a profile, sweep, and say what was found; then serve the web console on it, the
/// automatic matches seized. Safe to run again: nothing changes twice.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var samples = new Option<DirectoryInfo>("--samples")
        {
            Description = "Folder with taxpayers.csv, tax_items.csv and exchange files named after their exchange",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("..", "shared", "samples")),
        };
        var noConsole = new Option<bool>("--no-console") { Description = "Stop after the sweep instead of serving the web console" };
        var command = new Command("demo", "Import the sample roll and exchange files, sweep, then serve the web console on them until Ctrl+C") { samples, GlobalOptions.Profiles, SiloCommand.Urls, SiloCommand.JsonLogs, noConsole };
        command.SetAction(async (result, ct) =>
        {
            var code = await ImportAndSweepAsync(result, samples, ct);
            return code != CliAction.Ok || result.GetValue(noConsole) ? code : await ServeAsync(result, result.GetValue(samples)!, ct);
        });
        return command;
    }

    /// <summary>
    /// Serves the console on the demo's store. Unless told where exchanges are, it starts the
    /// exchange simulator on the samples and seizes the automatic matches, with legal periods of
    /// a minute, so that cases move through their whole lifecycle while a newcomer watches.
    /// </summary>
    private static async Task<int> ServeAsync(ParseResult result, DirectoryInfo samples, CancellationToken ct)
    {
        var users = ConsoleOptions.DemoUsers();
        if (GlobalOptions.Exchanges(result).ApiRoot is not null)
        {
            return await SiloCommand.RunAsync(result, users, ct, started: (url, _) => Announce(url, seized: null), hostLogs: DemoHostLogs);
        }

        await using var simulator = await ExchangeSimProcess.StartAsync("--accounts", samples.FullName, "--prices", Path.Combine(samples.FullName, "prices.csv"));
        return await SiloCommand.RunAsync(result, users, ct, new ExchangeOptions { ApiRoot = simulator.Url, CallbackSecret = simulator.CallbackSecret }, DemoSeizures, async (url, tracking) =>
            await Announce(url, await new SeizureOpener(tracking.Grains).OpenForAutoMatchesAsync(DemoOfficer, ct)), DemoHostLogs);
    }

    /// <summary>The demo says what it does itself; of the host's lines only warnings and errors show (`./tracking silo` shows all).</summary>
    private const Microsoft.Extensions.Logging.LogLevel DemoHostLogs = Microsoft.Extensions.Logging.LogLevel.Warning;

    /// <summary>The demo's officer opens the cases, so that the demo's supervisor may approve their sales.</summary>
    private const string DemoOfficer = "officer:kim";

    // Minutes instead of the law's days: the sale warning (7 days), distribution (a day) and the wait for an answer.
    private static SeizureOptions DemoSeizures { get; } = new()
    {
        Policy = new SeizurePolicy { SaleWarningPeriod = TimeSpan.FromMinutes(1), DistributionDelay = TimeSpan.FromMinutes(1) },
        ReplyDeadline = TimeSpan.FromMinutes(1),
        FirstRetryDelay = TimeSpan.FromSeconds(5),
    };

    private static Task Announce(string url, SeizeSummary? seized)
    {
        Console.WriteLine();
        if (seized is not null)
        {
            Console.WriteLine(Say.T("Exchange simulator started on the samples; {0} cases open for the automatic matches, {1} new (legal periods shortened to a minute).", seized.Opened + seized.AlreadyOpen, seized.Opened));
        }

        Console.WriteLine(Say.T("Web console: {0}   (Ctrl+C to stop)", url));
        Console.WriteLine(Say.T("Sign in as kim or park (officers), lee or han (supervisors), choi (auditor) or jung (operator); the password is the name."));
        return Task.CompletedTask;
    }

    private static Task<int> ImportAndSweepAsync(ParseResult result, Option<DirectoryInfo> samples, CancellationToken ct) =>
        CliAction.RunAsync(result, ct, async tracking =>
        {
            var folder = result.GetValue(samples)!;
            if (!folder.Exists)
            {
                throw new CliException($"{folder.FullName} does not exist; point --samples at a folder of input files");
            }

            await ImportCommands.ImportRollAsync(tracking, result, new FileInfo(Path.Combine(folder.FullName, "taxpayers.csv")), new FileInfo(Path.Combine(folder.FullName, "tax_items.csv")), ct);
            var profiles = GlobalOptions.LoadProfiles(result);
            foreach (var file in folder.EnumerateFiles().Where(f => f.Extension is ".csv" or ".tsv").OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                if (profiles.TryGetValue(Path.GetFileNameWithoutExtension(file.Name), out var profile))
                {
                    await ImportCommands.ImportAccountsAsync(tracking, result, profile, file, ct);
                }
            }

            await SweepCommands.RunSweepAsync(tracking, result, full: false, ct);
            Console.WriteLine(Say.T("List the candidates with: ./tracking matches   (add --json for scripts)"));
        });
}
