namespace Tracking.Domain.Matching.Weights;

/// <summary>The blocks of an exact rule's keys: records on each side that have the field, and pairs that agree on it.</summary>
public sealed record KeyBlocks(long Taxpayers, long Accounts, long Pairs)
{
    public KeyBlocks Add(KeyBlocks other) => new(Taxpayers + other.Taxpayers, Accounts + other.Accounts, Pairs + other.Pairs);

    /// <summary>How often two records that both have the field agree on it though they are not the same person.</summary>
    public double ChanceAgreement(double matchShareOfAgreeing) =>
        Math.Max((1 - matchShareOfAgreeing) * Pairs, 0.5) / Math.Max(1.0, (double)Taxpayers * Accounts);
}
