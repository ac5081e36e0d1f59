using System.CommandLine;
using Tracking.Cli.Output;
using Tracking.Domain;
using Tracking.Grains.Imports;
using Tracking.Ingest.Payments;

namespace Tracking.Cli.Commands;

/// <summary><c>tracking payments import FILE</c>: payments from the tax system; each lowers what the taxpayer's seizures still cover.</summary>
internal static class PaymentCommands
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = $"CSV (UTF-8, header): {string.Join(",", PaymentFileReader.Columns)}" };
        var import = new Command("import", "Apply a payment file; a payment id already applied changes nothing") { file };
        import.SetAction((result, ct) => CliAction.RunAsync(result, ct, async tracking =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                throw new CliException($"{path.FullName} does not exist");
            }

            var summary = await new PaymentImporter(tracking.Grains).ImportAsync(path.Name, PaymentFileReader.Read(path.FullName), ct);
            ResultWriter.Write(summary, result.GetValue(GlobalOptions.Json), s =>
            {
                Console.WriteLine($"{s.File}: {s.Rows} rows — {s.Applied} payments applied ({Won.Format(s.AmountApplied)} to debts, {Won.Format(s.AmountRefunded)} to refund), {s.Duplicates} already applied.");
                foreach (var problem in s.Problems)
                {
                    Console.WriteLine($"  {problem}");
                }
            });
        }));
        return new Command("payments", "Payments received by the tax system") { import };
    }
}
