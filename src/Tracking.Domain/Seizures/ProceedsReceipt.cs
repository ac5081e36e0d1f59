namespace Tracking.Domain.Seizures;

/// <summary>Money one remittance brought to the office, and when and how it was distributed.</summary>
public sealed record ProceedsReceipt(string TransferReference, long Amount, DateTimeOffset DistributionDue)
{
    /// <summary>When the money reached the office.</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    public bool Distributed { get; init; }

    public long Applied { get; init; }

    public long Refunded { get; init; }
}
