using Tracking.Domain.Matching;
using Tracking.Domain.Taxpayers;

namespace Tracking.Domain.Ledger;

/// <summary>
/// A taxpayer: who they are on the roll, their tax items and the payments applied to them, and
/// the exchange accounts the sweep found that may be theirs. <see cref="Payments"/> remembers
/// every payment taken, with how it was applied, so a payment delivered twice counts once and a
/// cancelled seizure's money can be taken back exactly as it was applied.
/// Money: <see cref="TotalReceived"/> = paid off the items + <see cref="TotalRefundDue"/> + <see cref="TotalReturned"/>.
/// </summary>
public sealed record TaxpayerLedger(
    string TaxpayerId,
    IReadOnlyList<ItemBalance> Items,
    IReadOnlyList<LedgerPayment> Payments,
    long TotalReceived,
    long TotalRefundDue)
{
    public static TaxpayerLedger Empty(string taxpayerId) => new(taxpayerId, [], [], 0, 0);

    /// <summary>The roll's description of the taxpayer; null until the roll was imported.</summary>
    public TaxpayerProfile? Profile { get; init; }

    public IReadOnlyList<MatchCandidate> Candidates { get; init; } = [];

    /// <summary>Taken in and then given back whole to the account holder, because the seizure that collected it was cancelled.</summary>
    public long TotalReturned { get; init; }

    public LedgerPayment? Payment(string reference) => Payments.FirstOrDefault(p => p.Reference == reference);

    /// <summary>Decisions people took on this taxpayer's review candidates.</summary>
    public IReadOnlyList<CandidateReview> Reviews { get; init; } = [];

    public CandidateReview? ReviewOf(string exchange, string accountId) => Reviews.FirstOrDefault(r => r.Exchange == exchange && r.AccountId == accountId);

    /// <summary>Seizures open against this taxpayer; each is told when the debt changes.</summary>
    public IReadOnlyList<string> OpenSeizures { get; init; } = [];

    public IReadOnlyList<HeldProceeds> HeldProceeds { get; init; } = [];

    public IReadOnlyList<CoverReservation> Reservations { get; init; } = [];

    /// <summary>What a seizure still has to cover: the outstanding debt less what other seizures hold or are collecting.</summary>
    public long DebtToCoverFor(string seizureId) =>
        Math.Max(0, Outstanding
            - HeldProceeds.Where(h => h.SeizureId != seizureId).Sum(h => h.Amount)
            - Reservations.Where(r => r.SeizureId != seizureId).Sum(r => r.Amount));

    /// <summary>What stays owed once the money other seizures hold is applied, whatever they are still collecting brings.</summary>
    public long DebtNotInHandFor(string seizureId) =>
        Math.Max(0, Outstanding - HeldProceeds.Where(h => h.SeizureId != seizureId).Sum(h => h.Amount));

    public long Outstanding => Items.Sum(i => i.TotalOutstanding);

    public long OutstandingOf(TaxComponent component) => Items.Sum(i => i.Outstanding(component));

    public ItemBalance? Find(string itemId) => Items.FirstOrDefault(i => i.Item.ItemId == itemId);
}
