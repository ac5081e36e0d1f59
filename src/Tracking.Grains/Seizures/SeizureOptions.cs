using Tracking.Domain.Seizures;

namespace Tracking.Grains.Seizures;

/// <summary>How seizures are worked and how their outbox retries.</summary>
public sealed class SeizureOptions
{
    /// <summary>The legal periods and sale rules. Default <see cref="SeizurePolicy.Default"/>'s values, in an instance of its own so that binding settings onto it leaves the shared default alone.</summary>
    public SeizurePolicy Policy { get; set; } = new();

    /// <summary>An accepted request not answered within this time is sent again (acknowledgement overdue). Default 1 day.</summary>
    public TimeSpan ReplyDeadline { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The wait after the first failed delivery; it doubles with each failure. Default 1 minute.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest wait between retries. Default 1 hour.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan RetryDelay(int failures) =>
        TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, FirstRetryDelay.Ticks * (1L << Math.Min(failures - 1, 30))));
}
