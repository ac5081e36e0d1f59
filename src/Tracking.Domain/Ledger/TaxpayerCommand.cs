using Tracking.Domain.Matching;
using Tracking.Domain.Taxpayers;

namespace Tracking.Domain.Ledger;

/// <summary>What may be asked of a taxpayer's ledger.</summary>
public abstract record TaxpayerCommand
{
    private TaxpayerCommand()
    {
    }

    /// <summary>Adds a tax item from the roll; the same item again is a no-op, a different one under the same id is refused.</summary>
    public sealed record AssessTaxItem(TaxItem Item) : TaxpayerCommand;

    /// <summary>The roll's description of the taxpayer; the same again is a no-op, a changed one replaces it.</summary>
    public sealed record Register(TaxpayerProfile Profile) : TaxpayerCommand;

    /// <summary>An exchange account the sweep found may be this taxpayer's.</summary>
    public sealed record RecordCandidate(MatchCandidate Candidate) : TaxpayerCommand;

    /// <summary>A sweep no longer finds a candidate: an open review item leaves the queue; one decided on, or automatic, stays.</summary>
    public sealed record WithdrawCandidate(string Exchange, string AccountId, string Reason, DateTimeOffset At) : TaxpayerCommand;

    /// <summary>A person approves a review candidate for seizure, or rejects it with a reason; the first decision stands.</summary>
    public sealed record ReviewCandidate(string Exchange, string AccountId, bool Approve, string By, string Reason, DateTimeOffset At) : TaxpayerCommand;

    /// <summary>A seizure was opened against this taxpayer.</summary>
    public sealed record AttachSeizure(string SeizureId) : TaxpayerCommand;

    /// <summary>A seizure was closed.</summary>
    public sealed record DetachSeizure(string SeizureId) : TaxpayerCommand;

    /// <summary>A seizure received money under <paramref name="Reference"/>, to be distributed later as a payment with the same reference.</summary>
    public sealed record HoldProceeds(string SeizureId, string Reference, long Amount) : TaxpayerCommand;

    /// <summary>A seizure wants to collect <paramref name="Amount"/>; it is granted what no other seizure holds or collects.</summary>
    public sealed record ReserveCover(string SeizureId, long Amount) : TaxpayerCommand;

    /// <summary>
    /// A cancelled seizure gives back the money it collected under <paramref name="Reference"/>:
    /// money only held is no longer held; money applied is taken back from the items it paid, so
    /// that debt is owed again. Asked again, nothing more happens.
    /// </summary>
    public sealed record ReturnProceeds(string SeizureId, string Reference) : TaxpayerCommand;

    /// <summary>Money received for this taxpayer, identified by a reference unique to the payment.</summary>
    public sealed record ReceivePayment(string Reference, long Amount, string Source, DateTimeOffset ReceivedAt) : TaxpayerCommand;
}
