using System.Collections.Concurrent;

namespace Tracking.LoadTests.Office;

/// <summary>
/// The month's simulated clock, run forward a day every few real seconds in small steps, and when
/// (in real seconds) each simulated day began, for the picture.
/// </summary>
internal sealed class OfficeMonth(SimulatedClock clock, DateTimeOffset start)
{
    private static readonly TimeSpan s_tick = TimeSpan.FromMilliseconds(100);
    private readonly ConcurrentQueue<(double Second, int Day)> _dayStarts = new();

    /// <summary>Simulated days since the start; day 1 is the first.</summary>
    public double Day => 1 + (clock.GetUtcNow() - start).TotalDays;

    public IReadOnlyList<(double Second, int Day)> DayStarts => [.. _dayStarts];

    public async Task RunAsync(double daySeconds, Func<double> now, CancellationToken cancellationToken)
    {
        var step = TimeSpan.FromDays(1) * (s_tick.TotalSeconds / daySeconds);
        using var timer = new PeriodicTimer(s_tick);
        _dayStarts.Enqueue((now(), (int)Day));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var before = (int)Day;
                clock.Advance(step);
                if ((int)Day > before)
                {
                    _dayStarts.Enqueue((now(), (int)Day));
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Returns once the simulated clock has reached <paramref name="day"/>.</summary>
    public async Task UntilAsync(double day, CancellationToken cancellationToken)
    {
        while (Day < day)
        {
            await Task.Delay(s_tick, cancellationToken);
        }
    }
}
