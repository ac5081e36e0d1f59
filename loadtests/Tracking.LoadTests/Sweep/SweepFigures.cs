namespace Tracking.LoadTests.Sweep;

/// <summary>What the sweep benchmark measured: the baselines in memory and in PostgreSQL (when given), then each store's grain path.</summary>
internal sealed record SweepFigures(
    long Taxpayers,
    long AccountRows,
    double PlainJoinSeconds,
    double ParseSeconds,
    double MatcherSeconds,
    MatchQuality MatcherQuality,
    double? LearningSeconds,
    double? WeighedMatcherSeconds,
    MatchQuality? WeighedMatcherQuality,
    double? PostgresJoinSeconds,
    IReadOnlyList<SweepStoreFigures> Stores)
{
    /// <summary>Distinct taxpayer–account pairs blocking brought together, per account: what comparing costs at scale.</summary>
    public double? PairsComparedPerAccount { get; init; }

    /// <summary>The benchmark process's peak resident memory (MB): the parsed files, the in-memory phases and the silo together, an upper bound of the silo's.</summary>
    public long PeakRssMb { get; init; }
}
