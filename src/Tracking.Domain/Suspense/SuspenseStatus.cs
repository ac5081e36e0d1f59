namespace Tracking.Domain.Suspense;

/// <summary>Where a payment held in suspense stands.</summary>
public enum SuspenseStatus
{
    /// <summary>Nothing is held under this reference.</summary>
    None,

    /// <summary>Held: the taxpayer it names is not on the roll, and no officer has resolved it yet.</summary>
    Open,

    /// <summary>An officer assigned it to a taxpayer on the roll; booking it to their ledger is under way (finished by asking again, or when its grain next activates).</summary>
    Assigned,

    /// <summary>Booked to the ledger of the taxpayer it was assigned to.</summary>
    Booked,

    /// <summary>Returned to whoever paid it, by an officer's decision.</summary>
    Returned,
}
