namespace Tracking.LoadTests.Cluster;

/// <summary>What the cluster benchmark measured: the in-silo read (the baseline of the hop) and its CPU per read, then each cluster size.</summary>
internal sealed record ClusterFigures(int Taxpayers, int Accounts, int Seizures, int Concurrency, Throughput LocalRead, IReadOnlyList<ClusterSizeFigures> Sizes)
{
    /// <summary>Null in figures read from the runtime Tracking used before Orleans, which did not measure it.</summary>
    public CallCpu? LocalReadCpu { get; init; }
}
