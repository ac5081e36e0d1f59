using Tracking.Grains.Suspense;
using Tracking.Ingest.Files;
using Tracking.Ingest.Payments;

namespace Tracking.Grains.Imports;

/// <summary>What a payment file did: applied, held in suspense, already known, refused; won applied, to refund and held.</summary>
public sealed record PaymentImportSummary(string File, int Rows, int Applied, int Suspended, int Duplicates, long AmountApplied, long AmountRefunded, long AmountSuspended, IReadOnlyList<RowProblem> Problems);

/// <summary>
/// Applies payments from the tax system to taxpayers' ledgers, each once by its id. Every open
/// seizure of a taxpayer hears of it, so a payment lowers what they still cover and can end them.
/// A payment naming a taxpayer not on the roll is held in suspense for an officer, never booked to
/// a ledger of its own.
/// </summary>
public sealed class PaymentImporter(TrackingContext tracking)
{
    private readonly PaymentIntake _intake = new(tracking);

    public async Task<PaymentImportSummary> ImportAsync(string fileName, PaymentFile file, CancellationToken cancellationToken)
    {
        var problems = new List<RowProblem>(file.Problems);
        int applied = 0, suspended = 0, duplicates = 0;
        long amount = 0, refunded = 0, held = 0;
        foreach (var payment in file.Payments)
        {
            try
            {
                var outcome = await _intake.ReceiveAsync(payment.TaxpayerId, payment.PaymentId, payment.Amount, payment.Source, $"{fileName} line {payment.Line}", cancellationToken);
                if (outcome.Duplicate)
                {
                    duplicates++;
                }
                else if (outcome.Receipt is { } receipt)
                {
                    applied++;
                    amount += payment.Amount - receipt.Refund;
                    refunded += receipt.Refund;
                }
                else
                {
                    suspended++;
                    held += payment.Amount;
                }
            }
            catch (CommandRejectedException ex)
            {
                problems.Add(new RowProblem(fileName, payment.Line, ex.Message, Rejected: true));
            }
        }

        return new PaymentImportSummary(fileName, file.Payments.Count + file.Problems.Count, applied, suspended, duplicates, amount, refunded, held, [.. problems.OrderBy(p => p.Line)]);
    }
}
