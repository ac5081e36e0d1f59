namespace Tracking.Domain.Seizures;

/// <summary>What may be asked of a seizure. The actor and the time come with the <see cref="SeizureContext"/>.</summary>
public abstract record SeizureCommand
{
    private SeizureCommand()
    {
    }

    /// <summary>
    /// Seize the account: issue the notice to the exchange. <paramref name="Basis"/> says why the
    /// account is believed to be the taxpayer's; <paramref name="Incarnation"/>, unique to this
    /// opening, keeps its request ids apart from any other office's or installation's at the exchange.
    /// </summary>
    public sealed record Open(string SeizureId, string TaxpayerId, string Exchange, string AccountId, string Basis, string Incarnation) : SeizureCommand
    {
        /// <summary>The basis as a Korean reader reads it; the English one is what is stored as the basis.</summary>
        public string? KoreanBasis { get; init; }
    }

    /// <summary>The exchange answered a request.</summary>
    public sealed record RecordReply(ExchangeReply Reply) : SeizureCommand;

    /// <summary>A supervisor approves the sale the seizure proposed; not the officer who opened the case (four eyes).</summary>
    public sealed record ApproveSale : SeizureCommand;

    /// <summary>An officer asks to withdraw the seizure, e.g. because the account is not the taxpayer's.</summary>
    public sealed record RequestCancellation(string Reason) : SeizureCommand;

    /// <summary>
    /// A supervisor other than the one who asked approves the requested cancellation (four eyes).
    /// Money already collected is corrected, not kept: returned to the account holder, and taken
    /// back from the debt where it was applied.
    /// </summary>
    public sealed record ApproveCancellation : SeizureCommand;

    /// <summary>Money received was distributed (applied to the debt in the legal order, the rest refunded).</summary>
    public sealed record RecordDistribution(string TransferReference, long Applied, long Refunded) : SeizureCommand;

    /// <summary>
    /// The money a cancelled seizure received under <paramref name="TransferReference"/> was given
    /// back at the taxpayer's ledger: <paramref name="TakenBack"/> had paid the debt and
    /// <paramref name="RefundedBefore"/> had been refunded as excess (both 0 when it was only held).
    /// </summary>
    public sealed record RecordReturn(string TransferReference, long TakenBack, long RefundedBefore) : SeizureCommand;

    /// <summary>Look again: time passed or the taxpayer's debt changed; take whatever step is now due.</summary>
    public sealed record Review : SeizureCommand;
}
