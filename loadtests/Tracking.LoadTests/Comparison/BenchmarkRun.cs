using Tracking.LoadTests.Cluster;
using Tracking.LoadTests.Lifecycle;
using Tracking.LoadTests.Sweep;

namespace Tracking.LoadTests.Comparison;

/// <summary>The figures of one side's benchmarks in a comparison run; a benchmark that was not run (or could not be) is null.</summary>
internal sealed record BenchmarkRun(
    GrainCallFigures? GrainCalls,
    DurableWriteFigures? DurableWrites,
    LifecycleFigures? Lifecycle,
    SweepFigures? Sweep,
    ClusterFigures? Cluster)
{
    /// <summary>The benchmarks a comparison runs, by the names their outputs are saved under.</summary>
    public static readonly string[] Names = ["grain-calls", "durable-writes", "lifecycle", "sweep", "cluster"];
}
