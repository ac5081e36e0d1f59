using System.Diagnostics;

namespace Tracking.LoadTests.Cluster;

/// <summary>
/// The CPU time (user and system, read from the kernel's accounts of each process) that one call
/// cost the calling process and the silo processes, over a measured run of calls. Background work
/// in the same span (Orleans' membership probes, the collector) is counted too: it is part of
/// what a call costs while calls run.
/// </summary>
internal sealed record CallCpu(double CallerMicroseconds, double SilosMicroseconds)
{
    public double TotalMicroseconds => CallerMicroseconds + SilosMicroseconds;

    /// <summary>Runs <paramref name="calls"/> and divides the CPU each side spent meanwhile by <paramref name="count"/>.</summary>
    public static async Task<(T Result, CallCpu Cpu)> MeasureAsync<T>(IReadOnlyList<Process> silos, int count, Func<Task<T>> calls)
    {
        using var caller = Process.GetCurrentProcess();
        var callerBefore = caller.TotalProcessorTime;
        var silosBefore = Total(silos);
        var result = await calls();
        caller.Refresh();
        var perCall = (TimeSpan spent) => spent.TotalMicroseconds / count;
        return (result, new CallCpu(perCall(caller.TotalProcessorTime - callerBefore), perCall(Total(silos) - silosBefore)));
    }

    private static TimeSpan Total(IReadOnlyList<Process> silos) =>
        silos.Aggregate(TimeSpan.Zero, (sum, silo) =>
        {
            silo.Refresh();
            return sum + silo.TotalProcessorTime;
        });
}
