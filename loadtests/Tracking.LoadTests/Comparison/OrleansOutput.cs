using Tracking.LoadTests.Cluster;
using Tracking.LoadTests.Lifecycle;
using Tracking.LoadTests.Reporting;
using Tracking.LoadTests.Sweep;

namespace Tracking.LoadTests.Comparison;

/// <summary>This program's benchmark outputs (<c>NAME.out</c>), read back from the JSON line each ends with.</summary>
internal static class OrleansOutput
{
    public static BenchmarkRun Read(string directory) => new(
        Figures<GrainCallFigures>(directory, "grain-calls"),
        Figures<DurableWriteFigures>(directory, "durable-writes"),
        Figures<LifecycleFigures>(directory, "lifecycle"),
        Figures<SweepFigures>(directory, "sweep"),
        Figures<ClusterFigures>(directory, "cluster"));

    private static T? Figures<T>(string directory, string name)
        where T : class
    {
        var path = Path.Combine(directory, name + ".out");
        return File.Exists(path) ? FiguresLine.Read<T>(name, path) : null;
    }
}
