using Tracking.Grains.Taxpayers;
using Tracking.Ingest.Files;
using Tracking.Ingest.Payments;

namespace Tracking.Grains.Imports;

/// <summary>What a payment file did: applied, already known, refused; won applied and to refund.</summary>
public sealed record PaymentImportSummary(string File, int Rows, int Applied, int Duplicates, long AmountApplied, long AmountRefunded, IReadOnlyList<RowProblem> Problems);

/// <summary>
/// Applies payments from the tax system to taxpayers' ledgers, each once by its id. Every open
/// seizure of a taxpayer hears of it, so a payment lowers what they still cover and can end them.
/// </summary>
public sealed class PaymentImporter(IGrainFactory grains)
{
    public async Task<PaymentImportSummary> ImportAsync(string fileName, PaymentFile file, CancellationToken cancellationToken)
    {
        var problems = new List<RowProblem>(file.Problems);
        int applied = 0, duplicates = 0;
        long amount = 0, refunded = 0;
        foreach (var payment in file.Payments)
        {
            try
            {
                var taxpayer = grains.GetGrain<ITaxpayerGrain>(payment.TaxpayerId);
                if ((await taxpayer.GetAsync(cancellationToken)).Items.Count == 0)
                {
                    problems.Add(new RowProblem(fileName, payment.Line, $"taxpayer {payment.TaxpayerId} has no tax items on the roll", Rejected: true));
                    continue;
                }

                var receipt = await taxpayer.ReceivePaymentAsync(payment.PaymentId, payment.Amount, payment.Source, cancellationToken);
                if (receipt.Duplicate)
                {
                    duplicates++;
                }
                else
                {
                    applied++;
                    amount += payment.Amount - receipt.Refund;
                    refunded += receipt.Refund;
                }
            }
            catch (CommandRejectedException ex)
            {
                problems.Add(new RowProblem(fileName, payment.Line, ex.Message, Rejected: true));
            }
        }

        return new PaymentImportSummary(fileName, file.Payments.Count + file.Problems.Count, applied, duplicates, amount, refunded, [.. problems.OrderBy(p => p.Line)]);
    }
}
