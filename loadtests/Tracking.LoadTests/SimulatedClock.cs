using System.Collections.Concurrent;

namespace Tracking.LoadTests;

/// <summary>
/// The system clock, shifted to a chosen start, that a benchmark can move forward by days at once.
/// <c>FakeTimeProvider</c> stands still, takes a lock on every read and looks through all its timers
/// whenever one is set; with ten thousand seizures' reminders that lock was a quarter of the silo's
/// CPU samples, and the open path ran at 0.65× what it runs on this clock. Here a read is the system
/// clock's plus an offset, and a timer is a system timer, set anew only when the clock jumps, so a
/// benchmark measures the silo rather than its clock. Time also runs while the work does, as it would.
/// </summary>
internal sealed class SimulatedClock : TimeProvider
{
    private readonly ConcurrentDictionary<JumpingTimer, byte> _timers = new();
    private long _offsetTicks;

    public SimulatedClock(DateTimeOffset start) => _offsetTicks = (start - System.GetUtcNow()).Ticks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Volatile.Read(ref _offsetTicks));

    /// <summary>Moves the clock forward; every timer now due fires at once, the others wait what is left.</summary>
    public void Advance(TimeSpan by)
    {
        Interlocked.Add(ref _offsetTicks, by.Ticks);
        foreach (var timer in _timers.Keys)
        {
            timer.Reschedule();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new JumpingTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>A system timer that remembers when, on the simulated clock, it is due, so that a jump can bring it forward.</summary>
    private sealed class JumpingTimer : ITimer
    {
        private readonly SimulatedClock _clock;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private readonly ITimer _timer;
        private readonly Lock _lock = new();
        private DateTimeOffset? _due;
        private TimeSpan _period = Timeout.InfiniteTimeSpan;
        private bool _disposed;

        public JumpingTimer(SimulatedClock clock, TimerCallback callback, object? state)
        {
            (_clock, _callback, _state) = (clock, callback, state);
            _timer = System.CreateTimer(static t => ((JumpingTimer)t!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (_lock)
            {
                if (_disposed)
                {
                    return false;
                }

                // A period of zero, as infinite, means the timer fires once.
                (_due, _period) = (dueTime == Timeout.InfiniteTimeSpan ? null : _clock.GetUtcNow() + dueTime, period == TimeSpan.Zero ? Timeout.InfiniteTimeSpan : period);
                _clock._timers.TryAdd(this, 0);
                return _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
            }
        }

        public void Reschedule()
        {
            lock (_lock)
            {
                if (!_disposed && _due is { } due)
                {
                    _timer.Change(Remaining(due), Timeout.InfiniteTimeSpan);
                }
            }
        }

        public void Dispose()
        {
            lock (_lock)
            {
                (_disposed, _due) = (true, null);
                _timer.Dispose();
            }

            _clock._timers.TryRemove(this, out _);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private void Fire()
        {
            lock (_lock)
            {
                // A firing the timer was moved or stopped since (or that came a tick early) waits for its due time.
                if (_disposed || _due is not { } due || Remaining(due) > TimeSpan.Zero)
                {
                    Reschedule();
                    return;
                }

                // A periodic timer is due a period after it fired; a one-off is done.
                _due = _period == Timeout.InfiniteTimeSpan ? null : _clock.GetUtcNow() + _period;
                if (_due is { } next)
                {
                    _timer.Change(Remaining(next), Timeout.InfiniteTimeSpan);
                }
                else
                {
                    // Nothing for a jump to bring forward until it is changed again.
                    _clock._timers.TryRemove(this, out _);
                }
            }

            _callback(_state);
        }

        private TimeSpan Remaining(DateTimeOffset due) => due - _clock.GetUtcNow() is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
