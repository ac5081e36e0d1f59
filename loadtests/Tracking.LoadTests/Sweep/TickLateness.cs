using System.Diagnostics;

namespace Tracking.LoadTests.Sweep;

/// <summary>
/// How late a 100-ms tick on the thread pool runs while something else works in the process: what
/// the silo's own timers (membership, health) and a case read wait for during a sweep. Orleans
/// warns of a stalled thread pool at one second; a silo that cannot answer its probes for longer
/// may be declared dead by the others.
/// </summary>
internal sealed class TickLateness
{
    private static readonly TimeSpan s_tick = TimeSpan.FromMilliseconds(100);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task<List<Tick>> _ticks;

    private TickLateness() => _ticks = Task.Run(TickAsync);

    /// <summary>A tick: when it should have run, from the start, and how many milliseconds late it ran.</summary>
    public readonly record struct Tick(TimeSpan At, double LateMs);

    public static TickLateness Start() => new();

    /// <summary>The ticks, in the order they ran.</summary>
    public async Task<IReadOnlyList<Tick>> StopAsync()
    {
        await _stop.CancelAsync();
        var ticks = await _ticks;
        _stop.Dispose();
        return ticks;
    }

    /// <summary>The milliseconds the latest tick ran late, all told and in each of <paramref name="phases"/> (consecutive, from the start; a tick due after the last is the last's).</summary>
    public static (double All, double P99, double[] ByPhase) Latest(IReadOnlyList<Tick> ticks, IReadOnlyList<double> phases)
    {
        var byPhase = new double[phases.Count];
        foreach (var tick in ticks)
        {
            var (phase, end) = (0, phases[0]);
            while (tick.At.TotalSeconds >= end && phase < phases.Count - 1)
            {
                end += phases[++phase];
            }

            byPhase[phase] = Math.Max(byPhase[phase], tick.LateMs);
        }

        var sorted = ticks.Select(t => t.LateMs).Order().ToArray();
        return (sorted[^1], Latencies.Percentile(sorted, 0.99), byPhase);
    }

    private async Task<List<Tick>> TickAsync()
    {
        var ticks = new List<Tick>();
        var start = Stopwatch.GetTimestamp();
        while (!_stop.IsCancellationRequested)
        {
            var due = Stopwatch.GetElapsedTime(start) + s_tick;
            try
            {
                await Task.Delay(s_tick, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            ticks.Add(new Tick(due, (Stopwatch.GetElapsedTime(start) - due).TotalMilliseconds));
        }

        return ticks;
    }
}
