namespace Tracking.Domain.Seizures;

/// <summary>Money one remittance brought to the office, and when and how it was distributed or, the seizure cancelled, returned.</summary>
public sealed record ProceedsReceipt(string TransferReference, long Amount, DateTimeOffset DistributionDue)
{
    /// <summary>When the money reached the office.</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    public bool Distributed { get; init; }

    public long Applied { get; init; }

    /// <summary>Everything not applied to the debt: the excess at distribution, or all of it once returned.</summary>
    public long Refunded { get; init; }

    /// <summary>Settled by the cancellation of the seizure: given back rather than distributed.</summary>
    public bool Returned { get; init; }

    /// <summary>What went back to the account holder when the seizure was cancelled: all of it.</summary>
    public long ReturnedToHolder => Returned ? Amount : 0;
}
