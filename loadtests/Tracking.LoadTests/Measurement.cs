using System.Diagnostics;

namespace Tracking.LoadTests;

/// <summary>Latencies recorded by one worker, merged for percentiles.</summary>
internal sealed class Latencies
{
    private readonly List<long> _ticks = new(1 << 16);

    public int Count => _ticks.Count;

    public void Add(long startTimestamp) => _ticks.Add(Stopwatch.GetTimestamp() - startTimestamp);

    public static double PercentileMs(IEnumerable<Latencies> all, double percentile)
    {
        var sorted = all.SelectMany(l => l._ticks).Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var index = (int)Math.Min(sorted.Length - 1, Math.Ceiling(percentile / 100 * sorted.Length) - 1);
        return sorted[Math.Max(0, index)] * 1000.0 / Stopwatch.Frequency;
    }

    /// <summary>The value at fraction <paramref name="p"/> (0 to 1) of values sorted smallest first.</summary>
    public static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
