using System.CommandLine;
using Tracking.Silo.Access;

namespace Tracking.Cli.Commands;

/// <summary>
/// <c>tracking demo</c>: the main job on sample data — import the roll and every exchange file
/// that has a profile, sweep, and say what was found. Safe to run again: nothing changes twice.
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
        var command = new Command("demo", "Import the sample roll and exchange files, sweep, then serve the web console on them until Ctrl+C") { samples, GlobalOptions.Profiles, SiloCommand.Urls, noConsole };
        command.SetAction(async (result, ct) =>
        {
            var code = await ImportAndSweepAsync(result, samples, ct);
            return code != CliAction.Ok || result.GetValue(noConsole)
                ? code
                : await SiloCommand.RunAsync(result, ConsoleOptions.DemoUsers(), url =>
                {
                    Console.WriteLine();
                    Console.WriteLine($"Web console: {url}   (Ctrl+C to stop)");
                    Console.WriteLine("Sign in as kim or park (officers), lee (supervisor), choi (auditor) or jung (operator); the password is the name.");
                }, ct);
        });
        return command;
    }

    private static Task<int> ImportAndSweepAsync(ParseResult result, Option<DirectoryInfo> samples, CancellationToken ct) =>
        CliAction.RunAsync(result, ct, async silo =>
        {
            var folder = result.GetValue(samples)!;
            if (!folder.Exists)
            {
                throw new CliException($"{folder.FullName} does not exist; point --samples at a folder of input files");
            }

            await ImportCommands.ImportRollAsync(silo, result, new FileInfo(Path.Combine(folder.FullName, "taxpayers.csv")), new FileInfo(Path.Combine(folder.FullName, "tax_items.csv")), ct);
            var profiles = GlobalOptions.LoadProfiles(result);
            foreach (var file in folder.EnumerateFiles().Where(f => f.Extension is ".csv" or ".tsv").OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                if (profiles.TryGetValue(Path.GetFileNameWithoutExtension(file.Name), out var profile))
                {
                    await ImportCommands.ImportAccountsAsync(silo, result, profile, file, ct);
                }
            }

            await SweepCommands.RunSweepAsync(silo, result, ct);
            Console.WriteLine("List the candidates with: ./tracking matches   (add --json for scripts)");
            Console.WriteLine("Seize and collect against the exchange simulator: see README.md, \"Seizing and collecting\"");
        });
}
