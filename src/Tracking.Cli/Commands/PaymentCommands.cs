using System.CommandLine;
using Tracking.Cli.Output;
using Tracking.Domain;
using System.Text.Json;
using Tracking.Domain.Suspense;
using Tracking.Grains.Imports;
using Tracking.Grains.Serialization;
using Tracking.Grains.Suspense;
using Tracking.Storage.Views;
using Tracking.Ingest.Payments;

namespace Tracking.Cli.Commands;

/// <summary><c>tracking payments import FILE</c>: payments from the tax system; each lowers what the taxpayer's seizures still cover.</summary>
internal static class PaymentCommands
{
    private static readonly Argument<string> s_reference = new("reference") { Description = "The payment's reference" };
    private static readonly Option<string> s_by = new("--by") { Description = "Who decides (recorded with the payment)", DefaultValueFactory = _ => "officer:" + Environment.UserName };
    private static readonly Option<string> s_reason = new("--reason") { Description = "Why", Required = true };

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

            var summary = await new PaymentImporter(tracking).ImportAsync(path.Name, PaymentFileReader.Read(path.FullName), ct);
            ResultWriter.Write(summary, result.GetValue(GlobalOptions.Json), s =>
            {
                Console.WriteLine(Say.T("{0}: {1} rows — {2} payments applied ({3} to debts, {4} to refund), {5} held in suspense ({6}; see `payments suspense`), {7} already received.", s.File, s.Rows, s.Applied, Won.Format(s.AmountApplied), Won.Format(s.AmountRefunded), s.Suspended, Won.Format(s.AmountSuspended), s.Duplicates));
                foreach (var problem in s.Problems)
                {
                    Console.WriteLine($"  {problem}");
                }
            });
        }));
        return new Command("payments", "Payments received by the tax system") { import, Suspense(), Assign(), Return() };
    }

    private static Command Suspense()
    {
        var status = new Option<SuspenseStatus?>("--status") { Description = "Only payments in this state (Open, Assigned, Booked, Returned)" };
        var command = new Command("suspense", "List payments held in suspense (the taxpayer they name is not on the roll), newest first") { status };
        command.SetAction((result, ct) => CliAction.RunAsync(result, ct, async tracking =>
        {
            var filters = result.GetValue(status) is { } wanted ? new[] { ViewFilter.Equal(SuspenseRow.StatusField, wanted.ToString()) } : [];
            var rows = new List<SuspenseRow>();
            await foreach (var document in tracking.Views.QueryAllAsync(new ViewQuery(SuspenseRow.View, SuspenseRow.HeldField) { Filters = filters, Limit = 1_000 }, ct))
            {
                rows.Add(JsonSerializer.Deserialize(document, ViewJsonContext.Default.SuspenseRow)!);
            }

            ResultWriter.Write<IReadOnlyList<SuspenseRow>>(rows, result.GetValue(GlobalOptions.Json), list =>
            {
                foreach (var row in list)
                {
                    Console.WriteLine($"{row.Id,-24} {row.Status,-9} {Won.Format(row.Amount),16}  named {row.NamedTaxpayerId,-16} {row.Origin}{(row.AssignedTo is { } to ? $" → {to}" : "")}");
                }

                Console.WriteLine(Say.T("{0} payments, {1} open ({2}).", list.Count, list.Count(r => r.Status == SuspenseStatus.Open), Won.Format(list.Where(r => r.Status == SuspenseStatus.Open).Sum(r => r.Amount))));
            });
        }));
        return command;
    }

    private static Command Assign()
    {
        var taxpayer = new Argument<string>("taxpayer-id") { Description = "The taxpayer on the roll the payment belongs to" };
        var command = new Command("assign", "Book a payment held in suspense to the right taxpayer's ledger") { s_reference, taxpayer, s_by, s_reason };
        command.SetAction((result, ct) => CliAction.RunAsync(result, ct, async tracking =>
        {
            var payment = await tracking.Grains.GetGrain<ISuspenseGrain>(result.GetValue(s_reference)!)
                .AssignAsync(result.GetValue(taxpayer)!, result.GetValue(s_by)!, result.GetValue(s_reason)!, ct);
            ResultWriter.Write(payment, result.GetValue(GlobalOptions.Json), WriteResolution);
        }));
        return command;
    }

    private static Command Return()
    {
        var command = new Command("return", "Return a payment held in suspense to whoever paid it") { s_reference, s_by, s_reason };
        command.SetAction((result, ct) => CliAction.RunAsync(result, ct, async tracking =>
        {
            var payment = await tracking.Grains.GetGrain<ISuspenseGrain>(result.GetValue(s_reference)!).ReturnAsync(result.GetValue(s_by)!, result.GetValue(s_reason)!, ct);
            ResultWriter.Write(payment, result.GetValue(GlobalOptions.Json), WriteResolution);
        }));
        return command;
    }

    private static void WriteResolution(SuspendedPayment payment) =>
        Console.WriteLine(payment.AssignedTo is { } to
            ? Say.T("Payment {0} ({1}): {2} to {3} by {4} — {5}", payment.Reference, Won.Format(payment.Amount), payment.Status, to, payment.ResolvedBy, payment.Reason)
            : Say.T("Payment {0} ({1}): {2} by {3} — {4}", payment.Reference, Won.Format(payment.Amount), payment.Status, payment.ResolvedBy, payment.Reason));
}
