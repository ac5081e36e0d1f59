using Tracking.Domain.Ledger;
using Tracking.Domain.Matching;
using Tracking.Domain.Taxpayers;

namespace Tracking.Grains.Taxpayers;

/// <summary>A taxpayer's ledger as callers see it.</summary>
[GenerateSerializer, Immutable, Alias("taxpayer-view")]
public sealed record TaxpayerView(
    string TaxpayerId,
    IReadOnlyList<ItemBalance> Items,
    long Outstanding,
    long OutstandingCosts,
    long OutstandingPrincipal,
    long OutstandingPenalty,
    long TotalReceived,
    long TotalRefundDue,
    long TotalReturned,
    long Version,
    TaxpayerProfile? Profile,
    IReadOnlyList<MatchCandidate> Candidates,
    IReadOnlyList<CandidateReview> Reviews,
    IReadOnlyList<string> OpenSeizures)
{
    public static TaxpayerView Of(TaxpayerLedger ledger, long version) => new(
        ledger.TaxpayerId,
        ledger.Items,
        ledger.Outstanding,
        ledger.OutstandingOf(TaxComponent.Costs),
        ledger.OutstandingOf(TaxComponent.Principal),
        ledger.OutstandingOf(TaxComponent.Penalty),
        ledger.TotalReceived,
        ledger.TotalRefundDue,
        ledger.TotalReturned,
        version,
        ledger.Profile,
        ledger.Candidates,
        ledger.Reviews,
        ledger.OpenSeizures);
}
