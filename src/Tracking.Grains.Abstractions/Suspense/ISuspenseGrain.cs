using Tracking.Domain.Suspense;

namespace Tracking.Grains.Suspense;

/// <summary>
/// A payment held in suspense because the taxpayer it names is not on the roll. Keyed by the
/// payment's reference, so the same payment reported twice is held once.
/// </summary>
[Alias("suspense")]
public interface ISuspenseGrain : IGrainWithStringKey
{
    /// <summary>Holds the payment; false when it was already held as it is now.</summary>
    [Alias("hold")]
    Task<bool> HoldAsync(string namedTaxpayerId, long amount, string source, string origin, CancellationToken cancellationToken = default);

    /// <summary>Assigns the payment to a taxpayer on the roll and books it to their ledger; asking again for the same taxpayer finishes a booking that was cut short.</summary>
    [Alias("assign")]
    Task<SuspendedPayment> AssignAsync(string taxpayerId, string by, string reason, CancellationToken cancellationToken = default);

    /// <summary>Records that the payment goes back to whoever paid it.</summary>
    [Alias("return")]
    Task<SuspendedPayment> ReturnAsync(string by, string reason, CancellationToken cancellationToken = default);

    [Alias("get"), ReadOnly]
    Task<SuspendedPayment> GetAsync(CancellationToken cancellationToken = default);
}
