namespace Tracking.Domain.Suspense;

/// <summary>
/// A payment that named a taxpayer not on the roll: held apart, never booked to a ledger of its
/// own, until an officer assigns it to the right taxpayer or returns it to the payer.
/// </summary>
public sealed record SuspendedPayment(
    string Reference,
    SuspenseStatus Status,
    string NamedTaxpayerId,
    long Amount,
    string Source,
    string Origin,
    DateTimeOffset HeldAt,
    string? AssignedTo,
    string? ResolvedBy,
    string? Reason,
    DateTimeOffset? ResolvedAt)
{
    public static SuspendedPayment None(string reference) => new(reference, SuspenseStatus.None, "", 0, "", "", default, null, null, null, null);
}
