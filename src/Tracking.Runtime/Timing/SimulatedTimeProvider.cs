namespace Tracking.Runtime.Timing;

/// <summary>
/// A clock that moves only when told, so a scenario of months runs in seconds. Timers (and so
/// <c>Task.Delay(…, timeProvider)</c>) fire in due order as time is advanced past them.
/// </summary>
public sealed class SimulatedTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<SimulatedTimer> _timers = [];
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new SimulatedTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward, firing every timer that falls due on the way, in order.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + by;
        }

        while (true)
        {
            SimulatedTimer? due;
            lock (_gate)
            {
                due = _timers.Where(t => t.DueAt <= target).MinBy(t => t.DueAt);
                if (due is null)
                {
                    _now = target;
                    return;
                }

                if (due.DueAt > _now)
                {
                    _now = due.DueAt;
                }

                due.Reschedule(_now);
            }

            due.Fire();
        }
    }

    private void Schedule(SimulatedTimer timer, bool active)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
            if (active)
            {
                _timers.Add(timer);
            }
        }
    }

    private sealed class SimulatedTimer(SimulatedTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period;

        public DateTimeOffset DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            var active = dueTime != Timeout.InfiniteTimeSpan;
            if (active)
            {
                DueAt = clock.GetUtcNow() + dueTime;
            }

            clock.Schedule(this, active);
            return true;
        }

        /// <summary>Called under the clock's lock when the timer fires at <paramref name="now"/>.</summary>
        public void Reschedule(DateTimeOffset now)
        {
            if (_period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan)
            {
                DueAt = now + _period;
            }
            else
            {
                clock._timers.Remove(this);
            }
        }

        public void Fire() => callback(state);

        public void Dispose() => clock.Schedule(this, active: false);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
