using Tracking.Domain.Matching;
using Tracking.Domain.Taxpayers;

namespace Tracking.Domain.Ledger;

/// <summary>What happened to a taxpayer's ledger; recorded in its history and never changed.</summary>
public abstract record TaxpayerEvent
{
    private protected TaxpayerEvent()
    {
    }
}

public sealed record TaxpayerRegistered(TaxpayerProfile Profile) : TaxpayerEvent;

public sealed record MatchCandidateRecorded(MatchCandidate Candidate) : TaxpayerEvent;

public sealed record CandidateReviewed(CandidateReview Review) : TaxpayerEvent;

/// <summary>A review candidate nobody decided on that a later sweep no longer found: it leaves the queue, and is recorded anew if found again.</summary>
public sealed record CandidateWithdrawn(string Exchange, string AccountId, string Reason, DateTimeOffset At) : TaxpayerEvent;

public sealed record TaxItemAssessed(TaxItem Item) : TaxpayerEvent;

public sealed record SeizureAttached(string SeizureId) : TaxpayerEvent;

public sealed record SeizureDetached(string SeizureId) : TaxpayerEvent;

public sealed record ProceedsHeld(string SeizureId, string Reference, long Amount) : TaxpayerEvent;

/// <summary>What a seizure may collect now; replaces its earlier reservation, and ends when its proceeds are held.</summary>
public sealed record CoverReserved(string SeizureId, long Amount) : TaxpayerEvent;

/// <summary>A payment applied in the legal order; <paramref name="Refund"/> is what exceeded the debt and goes back.</summary>
public sealed record PaymentApplied(
    string Reference,
    long Amount,
    string Source,
    DateTimeOffset ReceivedAt,
    IReadOnlyList<Allocation> Allocations,
    long Refund) : TaxpayerEvent;

/// <summary>
/// A cancelled seizure's payment goes back whole to the account holder: what it paid is taken back
/// from the items (<paramref name="Allocations"/>, as applied), and its excess (<paramref name="Refund"/>)
/// is no longer the taxpayer's refund.
/// </summary>
public sealed record PaymentReversed(string Reference, IReadOnlyList<Allocation> Allocations, long Refund) : TaxpayerEvent;

/// <summary>A cancelled seizure's money, held and never applied, goes back to the account holder.</summary>
public sealed record HeldProceedsReturned(string SeizureId, string Reference, long Amount) : TaxpayerEvent;
