using Tracking.Domain;
using Tracking.Grains.Taxpayers;

namespace Tracking.Grains.Suspense;

/// <summary>What became of a payment: booked to the taxpayer's ledger (<paramref name="Receipt"/>), or held in suspense; <paramref name="Duplicate"/> when it had come before.</summary>
public sealed record PaymentOutcome(PaymentReceipt? Receipt, bool Suspended, bool Duplicate);

/// <summary>
/// Where every payment from outside comes in (a payment file, the case API, the command line): it
/// is booked to the ledger of the taxpayer it names, or, when that taxpayer is not on the roll, held in
/// suspense under its reference until an officer resolves it. Nothing opens a
/// ledger for nobody, and nothing received is lost.
/// </summary>
public sealed class PaymentIntake(TrackingContext tracking)
{
    /// <param name="origin">Where the payment came from, kept with it in suspense: a file and line, or who entered it.</param>
    public async Task<PaymentOutcome> ReceiveAsync(string taxpayerId, string reference, long amount, string source, string origin, CancellationToken cancellationToken)
    {
        if (IdFormat.Problem("the payment's reference", reference, IdFormat.PaymentReference) is { } problem)
        {
            throw new CommandRejectedException(problem);
        }

        // Once held, a payment is resolved only in suspense, even if its taxpayer has come onto the roll
        // since (holding it again changes nothing). Asked of the store: a payment naming nobody activates
        // no taxpayer grain; a mistyped id names nobody.
        if (await tracking.Views.FindAsync(SuspenseRow.View, reference, cancellationToken) is not null
            || !IdFormat.IsValid(taxpayerId, IdFormat.TaxpayerId)
            || !await tracking.IsOnRollAsync(taxpayerId, cancellationToken))
        {
            var held = await tracking.Grains.GetGrain<ISuspenseGrain>(reference).HoldAsync(taxpayerId, amount, source, origin, cancellationToken);
            return new PaymentOutcome(null, Suspended: true, Duplicate: !held);
        }

        var receipt = await tracking.Grains.GetGrain<ITaxpayerGrain>(taxpayerId).ReceivePaymentAsync(reference, amount, source, cancellationToken);
        return new PaymentOutcome(receipt, Suspended: false, receipt.Duplicate);
    }
}
