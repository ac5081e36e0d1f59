namespace Tracking.Domain.Ledger;

/// <summary>
/// Money the ledger took under one reference: how it was applied to the items and what exceeded
/// the debt (<see cref="Refund"/>). A cancelled seizure's money is <see cref="Returned"/> whole to
/// the account holder: what it paid is taken back from the items, and its excess is no longer refunded to the taxpayer. Money returned while only held was never applied, so it
/// has no allocations; its reference stays known so that the same money never comes in again.
/// </summary>
public sealed record LedgerPayment(string Reference, long Amount, IReadOnlyList<Allocation> Allocations, long Refund)
{
    public bool Returned { get; init; }

    /// <summary>What the payment paid off the items.</summary>
    public long Applied => Allocations.Sum(a => a.Amount);
}
