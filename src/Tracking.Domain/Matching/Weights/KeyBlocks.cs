namespace Tracking.Domain.Matching.Weights;

/// <summary>The blocks of an exact rule's keys: records on each side that have the field, and pairs that agree on it.</summary>
public sealed record KeyBlocks(long Taxpayers, long Accounts, long Pairs)
{
    public static KeyBlocks None { get; } = new(0, 0, 0);

    public KeyBlocks Add(KeyBlocks other) => new(Taxpayers + other.Taxpayers, Accounts + other.Accounts, Pairs + other.Pairs);

    /// <summary>
    /// u for agrees and differs: how often two records that both have the field agree on it though
    /// they are not the same person, and how often they differ; half a pair each, so that neither is 0.
    /// </summary>
    public double[] ChanceAgreement(double matchShareOfAgreeing)
    {
        var pairs = (double)Taxpayers * Accounts;
        var agreeing = Math.Clamp((1 - matchShareOfAgreeing) * Pairs, 0, pairs);
        return [(agreeing + 0.5) / (pairs + 1), (pairs - agreeing + 0.5) / (pairs + 1)];
    }
}
