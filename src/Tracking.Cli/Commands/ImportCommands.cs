using System.CommandLine;
using Tracking.Cli.Output;
using Tracking.Grains;
using Tracking.Grains.Imports;
using Tracking.Ingest.Accounts;
using Tracking.Ingest.Roll;
using Tracking.Silo.Hosting;

namespace Tracking.Cli.Commands;

/// <summary><c>tracking import roll|accounts …</c>: load input files into the store; importing a file again changes nothing.</summary>
internal static class ImportCommands
{
    public static Command Create() => new("import", "Load the taxpayer roll or an exchange's account list")
    {
        Roll(),
        Accounts(),
    };

    private static Command Roll()
    {
        var taxpayers = new Argument<FileInfo>("taxpayers") { Description = "taxpayers.csv from the local-tax system" };
        var items = new Argument<FileInfo>("tax-items") { Description = "tax_items.csv from the local-tax system" };
        var command = new Command("roll", "Import taxpayers and their tax items") { taxpayers, items };
        command.SetAction((result, ct) => CliAction.RunAsync(result, ct, tracking =>
            ImportRollAsync(tracking, result, result.GetValue(taxpayers)!, result.GetValue(items)!, ct)));
        return command;
    }

    public static async Task ImportRollAsync(TrackingContext tracking, ParseResult result, FileInfo taxpayers, FileInfo items, CancellationToken cancellationToken)
    {
        var roll = RollReader.Read(Existing(taxpayers), Existing(items), RrnKeyStore.Load(result.GetValue(GlobalOptions.Data)!));
        var summary = await ProgressDisplay.RunAsync("taxpayers", roll.Taxpayers.Count, "taxpayers/s", progress => tracking.Importer().ImportRollAsync(roll, progress, cancellationToken));
        Report(summary, result.GetValue(GlobalOptions.Json));
    }

    public static async Task ImportAccountsAsync(TrackingContext tracking, ParseResult result, ExchangeProfile profile, FileInfo file, CancellationToken cancellationToken)
    {
        var accounts = AccountFileReader.Read(Existing(file), profile, RrnKeyStore.Load(result.GetValue(GlobalOptions.Data)!));
        var summary = await ProgressDisplay.RunAsync($"{profile.Exchange} accounts", accounts.Accounts.Count, "accounts/s", progress => tracking.Importer().ImportAccountsAsync(accounts, progress, cancellationToken));
        Report(summary, result.GetValue(GlobalOptions.Json));
    }

    private static Command Accounts()
    {
        var exchange = new Argument<string>("exchange") { Description = "The exchange's id: its profile in the profiles folder says how to read the file" };
        var file = new Argument<FileInfo>("file") { Description = "The exchange's account list" };
        var command = new Command("accounts", "Import one exchange's account list (holders and holdings)") { exchange, file, GlobalOptions.Profiles };
        command.SetAction((result, ct) => CliAction.RunAsync(result, ct, tracking =>
        {
            var known = GlobalOptions.LoadProfiles(result);
            var name = result.GetValue(exchange)!;
            return known.TryGetValue(name, out var profile)
                ? ImportAccountsAsync(tracking, result, profile, result.GetValue(file)!, ct)
                : throw new CliException($"no profile for exchange '{name}'; known: {string.Join(", ", known.Keys.Order())}");
        }));
        return command;
    }

    private static string Existing(FileInfo file) =>
        file.Exists ? file.FullName : throw new CliException($"{file.FullName} does not exist");

    private static void Report(ImportSummary summary, bool json) => ResultWriter.Write(summary, json, s =>
    {
        Console.WriteLine(Say.T("Imported {0}: {1} rows, {2} records — {3} new, {4} changed, {5} unchanged.", s.What, s.Rows, s.Records, s.New, s.Changed, s.Unchanged));
        if (s.Problems.Count > 0)
        {
            Console.WriteLine(Say.T("{0} rows rejected, {1} warnings:", s.Rejected, s.Problems.Count - s.Rejected));
            foreach (var problem in s.Problems)
            {
                Console.WriteLine($"  {problem}");
            }
        }
    });
}
