using Tracking.Domain.Suspense;
using Tracking.Storage.Views;

namespace Tracking.Grains.Suspense;

/// <summary>A payment in the suspense list: the <see cref="View"/> row each suspended payment keeps, newest first.</summary>
public sealed record SuspenseRow(
    string Id,
    SuspenseStatus Status,
    string NamedTaxpayerId,
    long Amount,
    string Source,
    string Origin,
    long Held,
    string? AssignedTo,
    string? ResolvedBy,
    string? Reason,
    long Resolved)
{
    public const string View = "suspense";

    public static readonly ViewField HeldField = ViewField.Number("held");
    public static readonly ViewField StatusField = ViewField.Text("status");

    /// <summary>Newest first; filtered by status.</summary>
    public static ViewDefinition Definition { get; } = new(View, HeldField, [StatusField]);

    public static GrainView Of(SuspendedPayment payment)
    {
        var row = new SuspenseRow(
            payment.Reference,
            payment.Status,
            payment.NamedTaxpayerId,
            payment.Amount,
            payment.Source,
            payment.Origin,
            payment.HeldAt.ToUnixTimeSeconds(),
            payment.AssignedTo,
            payment.ResolvedBy,
            payment.Reason,
            payment.ResolvedAt?.ToUnixTimeSeconds() ?? 0);
        return new GrainView(View, row.Id, row);
    }
}
