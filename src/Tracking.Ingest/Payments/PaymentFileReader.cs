using System.Globalization;
using Tracking.Domain;
using Tracking.Ingest.Files;

namespace Tracking.Ingest.Payments;

/// <summary>A payment reported by the local-tax system: unique id, taxpayer, whole won, when and through what.</summary>
public sealed record PaymentRow(int Line, string PaymentId, string TaxpayerId, long Amount, DateTimeOffset PaidAt, string Source);

public sealed record PaymentFile(IReadOnlyList<PaymentRow> Payments, IReadOnlyList<RowProblem> Problems);

/// <summary>
/// Reads <c>payment_id,taxpayer_id,amount_krw,paid_at,source</c> (UTF-8, comma, header). A payment
/// id listed twice in one file is reported and kept once; across files the ledger ignores repeats.
/// A taxpayer id of no taxpayer's shape is kept: it names nobody, so the payment is held in suspense.
/// </summary>
public static class PaymentFileReader
{
    public static readonly string[] Columns = ["payment_id", "taxpayer_id", "amount_krw", "paid_at", "source"];

    public static PaymentFile Read(string path)
    {
        using var file = DelimitedFile.Open(path, DelimitedFile.EncodingNamed("utf-8"), ',', Columns);
        var name = Path.GetFileName(path);
        var problems = new List<RowProblem>();
        var payments = new List<PaymentRow>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in file.Rows())
        {
            void Reject(string reason) => problems.Add(new RowProblem(name, row.Line, reason, Rejected: true));

            var (id, taxpayer) = (row["payment_id"], row["taxpayer_id"]);
            if (IdFormat.Problem("payment_id", id, IdFormat.PaymentReference) is { } badPayment)
            {
                Reject(badPayment);
            }
            else if (TextLimits.Problem("taxpayer_id", taxpayer, TextLimits.Reference) is { } badTaxpayer)
            {
                Reject(badTaxpayer);
            }
            else if (!long.TryParse(row["amount_krw"], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
            {
                Reject($"amount '{row["amount_krw"]}' is not a positive whole number of won");
            }
            else if (!DateTimeOffset.TryParse(row["paid_at"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var paidAt))
            {
                Reject($"paid_at '{row["paid_at"]}' is not an ISO date or time");
            }
            else if (seen.TryGetValue(id!, out var first))
            {
                Reject($"payment {id} is already listed at line {first}");
            }
            else
            {
                seen[id!] = row.Line;
                payments.Add(new PaymentRow(row.Line, id!, taxpayer!, amount, paidAt, row["source"] ?? "tax system"));
            }
        }

        return new PaymentFile(payments, file.ProblemsWith(problems));
    }
}
