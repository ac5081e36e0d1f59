namespace Tracking.Domain.Seizures;

/// <summary>Where a seizure stands in the legal lifecycle (DESIGN §3).</summary>
public enum SeizureStatus
{
    /// <summary>The receivable-seizure notice is on its way to the exchange; the seizure is not effective yet.</summary>
    NoticeSent,

    /// <summary>The exchange acknowledged the notice and froze the account.</summary>
    Seized,

    /// <summary>KRW held at the exchange is being remitted to the office.</summary>
    CollectionRequested,

    /// <summary>The taxpayer was warned of the sale; the waiting period runs.</summary>
    SaleWarned,

    /// <summary>The waiting period is over; a supervisor must approve the sale.</summary>
    AwaitingSaleApproval,

    SaleApproved,

    SaleRequested,

    Sold,

    /// <summary>Money from the exchange is with the office, to be distributed on its set date.</summary>
    ProceedsReceived,

    Distributed,

    ReleaseRequested,

    Released,

    Cancelled,

    Rejected,

    Closed,
}
