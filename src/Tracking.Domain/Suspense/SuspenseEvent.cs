namespace Tracking.Domain.Suspense;

public abstract record SuspenseEvent
{
    private protected SuspenseEvent()
    {
    }
}

public sealed record PaymentSuspended(string NamedTaxpayerId, long Amount, string Source, string Origin, DateTimeOffset At) : SuspenseEvent;

public sealed record SuspendedPaymentAssigned(string TaxpayerId, string By, string Reason, DateTimeOffset At) : SuspenseEvent;

public sealed record SuspendedPaymentBooked(string TaxpayerId, DateTimeOffset At) : SuspenseEvent;

public sealed record SuspendedPaymentBookingRefused(string TaxpayerId, string Why, DateTimeOffset At) : SuspenseEvent;

public sealed record SuspendedPaymentReturned(string By, string Reason, DateTimeOffset At) : SuspenseEvent;
