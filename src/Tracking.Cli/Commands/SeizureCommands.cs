using System.CommandLine;
using Tracking.Cli.Output;
using Tracking.Domain;
using Tracking.Domain.Seizures;
using Tracking.Grains;
using Tracking.Grains.Documents;
using Tracking.Grains.Seizures;
using Tracking.Grains.Taxpayers;

namespace Tracking.Cli.Commands;

/// <summary><c>tracking seize</c>, <c>tracking cases</c> and <c>tracking case …</c>: open seizures and work them.</summary>
internal static class SeizureCommands
{
    private static readonly Argument<string> s_caseId = new("case-id") { Description = "The seizure's id: TAXPAYER@EXCHANGE/ACCOUNT" };
    private static readonly Option<string> s_actor = new("--by") { Description = "Who does this (recorded in the history)", DefaultValueFactory = _ => "officer:" + Environment.UserName };

    public static Command Seize()
    {
        var wait = new Option<int>("--wait") { Description = "Seconds to wait for the exchanges' acknowledgements", DefaultValueFactory = _ => 10 };
        var command = new Command("seize", "Open a seizure for every automatic match (review candidates need a person's approval); send the notices to the exchanges and wait for their acknowledgements") { s_actor, wait };
        command.SetAction((result, ct) => CliAction.RunAsync(result, ct, async tracking =>
        {
            var summary = await new SeizureOpener(tracking.Grains).OpenForAutoMatchesAsync(result.GetValue(s_actor)!, ct);
            var deadline = DateTimeOffset.UtcNow.AddSeconds(result.GetValue(wait));
            while (DateTimeOffset.UtcNow < deadline && (await CaseCatalog.ListAsync(tracking.Grains, tracking.States, ct)).Any(c => c.Status == SeizureStatus.NoticeSent))
            {
                await Task.Delay(200, ct);
            }

            ResultWriter.Write(summary, result.GetValue(GlobalOptions.Json), s =>
            {
                Console.WriteLine(Say.T("{0} automatic matches: {1} seizures opened, {2} already open, {3} refused. See them with: ./tracking cases", s.Candidates, s.Opened, s.AlreadyOpen, s.Refused.Count));
                foreach (var refusal in s.Refused)
                {
                    Console.WriteLine(Say.T("  refused: {0}", refusal));
                }
            });
        }));
        return command;
    }

    public static Command Cases()
    {
        var status = new Option<SeizureStatus?>("--status") { Description = "Only cases in this state" };
        var command = new Command("cases", "List every seizure with its state and money") { status };
        command.SetAction((result, ct) => CliAction.RunAsync(result, ct, async tracking =>
        {
            var wanted = result.GetValue(status);
            var cases = (await CaseCatalog.ListAsync(tracking.Grains, tracking.States, ct)).Where(c => wanted is null || c.Status == wanted).ToArray();
            ResultWriter.Write<IReadOnlyList<SeizureView>>(cases, result.GetValue(GlobalOptions.Json), list =>
            {
                foreach (var c in list)
                {
                    Console.WriteLine($"{c.SeizureId,-40} {Say.Term(c.Status),-20} {(c.Outcome is { } outcome ? Say.Term(outcome) : ""),-14} {Say.T("collected {0,14}  applied {1,14}  refunded {2,12}", Won.Format(c.Collected), Won.Format(c.Applied), Won.Format(c.Refunded))}");
                }

                Console.WriteLine(Say.T("{0} cases, {1} closed; {2} collected.", list.Count, list.Count(c => c.Status == SeizureStatus.Closed), Won.Format(list.Sum(c => c.Collected))));
            });
        }));
        return command;
    }

    public static Command Case()
    {
        var command = new Command("case", "Show one seizure: state, money, full history and documents") { s_caseId, ApproveSale(), Cancel(), ApproveCancel(), Document() };
        command.SetAction((result, ct) => CliAction.RunAsync(result, ct, async tracking =>
        {
            var detail = await DetailAsync(tracking, result.GetValue(s_caseId)!, ct);
            ResultWriter.Write(detail, result.GetValue(GlobalOptions.Json), WriteDetail);
        }));
        return command;
    }

    private static Command ApproveSale()
    {
        var command = new Command("approve-sale", "As supervisor (not the officer who opened the case), approve the sale a seizure proposes") { s_caseId, s_actor };
        command.SetAction((result, ct) => CliAction.RunAsync(result, ct, tracking => CallCaseAsync(result, tracking, (seizure, ct) => seizure.ApproveSaleAsync(result.GetValue(s_actor)!, ct), ct)));
        return command;
    }

    private static Command Cancel()
    {
        var reason = new Option<string>("--reason") { Description = "Why, e.g. the account is not the taxpayer's", Required = true };
        var command = new Command("cancel", "Ask to withdraw a seizure; once a second person approves (approve-cancel), the exchange is told to release the account and any money collected goes back") { s_caseId, reason, s_actor };
        command.SetAction((result, ct) => CliAction.RunAsync(result, ct, tracking => CallCaseAsync(result, tracking, (seizure, ct) => seizure.RequestCancellationAsync(result.GetValue(reason)!, result.GetValue(s_actor)!, ct), ct)));
        return command;
    }

    private static Command ApproveCancel()
    {
        var command = new Command("approve-cancel", "As supervisor (not the one who asked), approve a requested cancellation") { s_caseId, s_actor };
        command.SetAction((result, ct) => CliAction.RunAsync(result, ct, tracking => CallCaseAsync(result, tracking, (seizure, ct) => seizure.ApproveCancellationAsync(result.GetValue(s_actor)!, ct), ct)));
        return command;
    }

    private static async Task CallCaseAsync(ParseResult result, TrackingContext tracking, Func<ISeizureGrain, CancellationToken, Task<SeizureView>> step, CancellationToken ct)
    {
        var view = await step(tracking.Grains.GetGrain<ISeizureGrain>(result.GetValue(s_caseId)!), ct);
        ResultWriter.Write(view, result.GetValue(GlobalOptions.Json), v => Console.WriteLine($"{v.SeizureId}: {Say.Term(v.Status)}"));
    }

    private static Command Document()
    {
        var document = new Argument<string>("document") { Description = "The document's id, as `case` lists them, or its kind for the latest of that kind: " + string.Join(", ", DocumentKindNames.All) };
        var output = new Option<FileInfo?>("--out") { Description = "Write the HTML to this file instead of standard output" };
        var pdf = new Option<FileInfo?>("--pdf") { Description = "Print the document to this PDF file (with Debian's Chromium)" };
        var command = new Command("document", "Render one of a seizure's documents as HTML, or print it to PDF") { s_caseId, document, output, pdf };
        command.Validators.Add(result =>
        {
            if (result.GetValue(output) is not null && result.GetValue(pdf) is not null)
            {
                result.AddError("--out writes HTML and --pdf a PDF: give one of them");
            }
        });
        command.SetAction((result, ct) => CliAction.RunAsync(result, ct, async tracking =>
        {
            var detail = await DetailAsync(tracking, result.GetValue(s_caseId)!, ct);
            var taxpayer = await tracking.Grains.GetGrain<ITaxpayerGrain>(detail.Seizure.TaxpayerId).GetAsync(ct);
            var asked = result.GetValue(document)!;
            var documentId = DocumentKindNames.Latest(detail, asked)?.DocumentId ?? asked;
            var documents = new DocumentOptions();
            var html = SeizureDocumentRenderer.Render(detail, taxpayer, documentId, documents.Issuer)
                ?? throw new CliException($"case {detail.Seizure.SeizureId} issued no document {asked}; it issued: {string.Join(", ", detail.Documents.Select(d => $"{d.DocumentId} ({DocumentKindNames.Name(d.Kind)})"))}");
            if (result.GetValue(pdf) is { } pdfFile)
            {
                using var printer = new DocumentPdfPrinter(documents);
                await File.WriteAllBytesAsync(pdfFile.FullName, await PrintAsync(printer, html, ct), ct);
                Console.WriteLine(Say.T("Wrote {0}", pdfFile.FullName));
            }
            else if (result.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, html, ct);
                Console.WriteLine(Say.T("Wrote {0}", file.FullName));
            }
            else
            {
                Console.WriteLine(html);
            }
        }));
        return command;
    }

    private static async Task<byte[]> PrintAsync(DocumentPdfPrinter printer, string html, CancellationToken ct)
    {
        try
        {
            return await printer.PrintAsync(html, ct);
        }
        catch (PdfPrintFailedException ex)
        {
            throw new CliException(ex.Message);
        }
    }

    private static async Task<CaseDetail> DetailAsync(TrackingContext tracking, string id, CancellationToken ct)
    {
        var seizure = tracking.Grains.GetGrain<ISeizureGrain>(id);
        return new CaseDetail(await seizure.GetAsync(ct), await seizure.GetHistoryAsync(ct));
    }

    private static void WriteDetail(CaseDetail detail)
    {
        var s = detail.Seizure;
        Console.WriteLine(Say.T("Case {0} — {1}", s.SeizureId, s.Outcome is { } o ? $"{Say.Term(s.Status)} ({Say.Term(o)})" : Say.Term(s.Status)));
        Console.WriteLine(Say.T("  taxpayer {0}, {1} account {2}; basis: {3}", s.TaxpayerId, s.Exchange, s.AccountId, s.Basis));
        Console.WriteLine(Say.T("  holdings: {0}", string.Join(", ", s.Holdings.Select(h => $"{h.Total} {h.Asset}"))));
        Console.WriteLine(Say.T("  collected {0} = applied {1} + refunded {2} + held {3}", Won.Format(s.Collected), Won.Format(s.Applied), Won.Format(s.Refunded), Won.Format(s.Held))
            + (s.ReturnedToHolder > 0 ? Say.T("; returned to the account holder on cancellation {0}", Won.Format(s.ReturnedToHolder)) : ""));
        if (s.LeadTime is { } lead)
        {
            Console.WriteLine(Say.T("  lead time {0:0.0} days from match to close", lead.TotalDays));
        }

        foreach (var entry in detail.History)
        {
            var e = entry.Event;
            Console.WriteLine($"  {KoreaTime.Minutes(e.At)}  {Say.Term(e.GetType().Name),-22} {e.Actor,-22} {(Say.English || e.KoreanReason.Length == 0 ? e.Reason : e.KoreanReason)}{(e.Document is { } d ? $"  [{Say.Term(d.Kind)} {d.DocumentId}]" : "")}");
        }
    }
}
