using Tracking.Domain.Accounts;
using Tracking.Domain.Seizures;

namespace Tracking.Grains.Seizures;

/// <summary>
/// A seizure as officers and tools see it. Money: collected = applied + refunded + held; of what
/// was refunded, <see cref="ReturnedToHolder"/> went back to the account holder on cancellation.
/// </summary>
[GenerateSerializer, Immutable, Alias("seizure-view")]
public sealed record SeizureView(
    string SeizureId,
    string TaxpayerId,
    string Exchange,
    string AccountId,
    SeizureStatus Status,
    SeizureOutcome? Outcome,
    string Basis,
    IReadOnlyList<Holding> Holdings,
    IReadOnlyList<ExchangeRequest> PendingRequests,
    long Collected,
    long Applied,
    long Refunded,
    long Held,
    long ReturnedToHolder,
    DateTimeOffset? OpenedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? NextDeadline,
    int RequestsIssued,
    long Version)
{
    /// <summary>From the match to the close; measured against the 10-day mark.</summary>
    public TimeSpan? LeadTime => OpenedAt is { } opened && ClosedAt is { } closed ? closed - opened : null;

    public static SeizureView Of(Seizure seizure, long version) => new(
        seizure.SeizureId,
        seizure.TaxpayerId,
        seizure.Exchange,
        seizure.AccountId,
        seizure.Status,
        seizure.Outcome,
        seizure.Basis,
        seizure.Holdings,
        seizure.Pending,
        seizure.Collected,
        seizure.Applied,
        seizure.Refunded,
        seizure.Held,
        seizure.ReturnedToHolder,
        seizure.OpenedAt,
        seizure.ClosedAt,
        seizure.NextDeadline,
        seizure.RequestsIssued,
        version);
}
