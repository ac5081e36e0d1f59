using Tracking.Grains.Sweeps;

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
    double LifecycleSeconds)
{
    /// <summary>The highest peak resident memory of any silo process (VmHWM) when the sweep had finished, with the match index it keeps; and at the end.</summary>
    public long SiloPeakRssAfterSweepMb { get; init; }

    public long SiloPeakRssMb { get; init; }

    /// <summary>The CPU a read through a gateway cost this process (the client) and the silo processes, per read; null in figures read from the runtime Tracking used before Orleans.</summary>
    public CallCpu? HopCpu { get; init; }

    /// <summary>The sweep's own account of where its time went.</summary>
    public SweepPhases? SweepPhases { get; init; }
}
