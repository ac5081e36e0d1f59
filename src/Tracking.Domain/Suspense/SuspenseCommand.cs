namespace Tracking.Domain.Suspense;

public abstract record SuspenseCommand
{
    private SuspenseCommand()
    {
    }

    /// <summary>
    /// Holds a payment for a taxpayer not on the roll; the same payment again is a no-op. The taxpayer
    /// id is kept as it was given (it may be mistyped, even of a shape no id has); <paramref name="Origin"/>
    /// says where the payment came from (file and line, or who entered it).
    /// </summary>
    public sealed record Hold(string NamedTaxpayerId, long Amount, string Source, string Origin, DateTimeOffset At) : SuspenseCommand;

    /// <summary>An officer's decision that the payment is <paramref name="TaxpayerId"/>'s (a taxpayer on the roll).</summary>
    public sealed record Assign(string TaxpayerId, string By, string Reason, DateTimeOffset At) : SuspenseCommand;

    /// <summary>The assigned taxpayer's ledger took the payment.</summary>
    public sealed record ConfirmBooked(DateTimeOffset At) : SuspenseCommand;

    /// <summary>The assigned taxpayer's ledger refused the payment: it is open again for an officer, with why.</summary>
    public sealed record RefuseBooking(string Why, DateTimeOffset At) : SuspenseCommand;

    /// <summary>An officer's decision that the payment goes back to whoever paid it.</summary>
    public sealed record Return(string By, string Reason, DateTimeOffset At) : SuspenseCommand;
}
