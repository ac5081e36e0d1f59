namespace Tracking.LoadTests.Cluster;

/// <summary>What the cluster benchmark measured: the in-silo read (the baseline of the hop), then each cluster size.</summary>
internal sealed record ClusterFigures(int Taxpayers, int Accounts, int Seizures, int Concurrency, Throughput LocalRead, IReadOnlyList<ClusterSizeFigures> Sizes);
