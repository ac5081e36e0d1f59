namespace Tracking.Domain.Matching.Weights;

/// <summary>How a sweep learns its match weights.</summary>
public sealed record MatchModelOptions
{
    /// <summary>
    /// The share of review items expected to be the right person (default 0.8): the review
    /// threshold is the lowest weight at which the queue still reaches it, reckoned for names of
    /// average commonness (a pair's own name moves its weight around that).
    /// </summary>
    public double ReviewPrecision { get; init; } = 0.8;

    /// <summary>
    /// How many pairs' worth of weight the prior m-probabilities carry (default 20): enough to
    /// keep a field sensible when a sweep has few pairs to learn from, little against thousands.
    /// </summary>
    public double PriorPairs { get; init; } = 20;

    /// <summary>Expectation–maximisation stops after this many rounds (default 500) or when λ moves less than 1e-9.</summary>
    public int MaxIterations { get; init; } = 500;

    /// <summary>
    /// Random pairs drawn to measure chance agreement (default 200,000); a sweep shares them out over
    /// its shards. They bound how rare a chance agreement can be measured, so how much an agreeing
    /// RRN or phone can weigh: about log₂(2 × pairs) bits.
    /// </summary>
    public int RandomPairs { get; init; } = 200_000;

    /// <summary>
    /// About how many blocked pairs a sweep learns m from (default 3,200,000, shared out over its
    /// shards as whole blocks): EM needs far fewer than a national sweep compares.
    /// </summary>
    public int PairsToLearnFrom { get; init; } = 3_200_000;

    /// <summary>
    /// How many taxpayers of the sample must bear a name for its own share to be measured (default
    /// 5, about ±45%); a name seen fewer times is weighed as rare when the sample is large enough
    /// to tell (its bound below the average name's share), else as a name of average commonness.
    /// </summary>
    public int NameMeasuredFrom { get; init; } = 5;

    /// <summary>
    /// The most names whose shares a model lists (default 5,000, the commonest; about 150 KB kept
    /// with each sweep): enough for every common name of a national population.
    /// </summary>
    public int NamesListed { get; init; } = 5_000;

    public static MatchModelOptions Default { get; } = new();
}
