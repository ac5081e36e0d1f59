namespace Tracking.LoadTests.Cluster;

/// <summary>
/// One cluster size: the read from the client process (the hop), import and sweep rates, and the
/// lifecycle load (transitions per second from the first open to the last close, latencies per open call).
/// </summary>
internal sealed record ClusterSizeFigures(
    int Silos,
    Throughput Hop,
    double TaxpayersPerSecond,
    double AccountRowsPerSecond,
    double CandidatesPerSecond,
    int Candidates,
    double SweepSeconds,
    Throughput Open,
    double TransitionsPerSecond,
    long Transitions,
    long Closed,
    double LifecycleSeconds);
