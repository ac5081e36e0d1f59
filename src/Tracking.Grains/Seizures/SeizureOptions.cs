using Tracking.Domain.Seizures;

namespace Tracking.Grains.Seizures;

/// <summary>How seizures are worked, how their outbox retries, and how they wake themselves.</summary>
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

    /// <summary>
    /// How often a seizure's reminder comes again while the seizure has not moved it (a step that
    /// failed is tried again this often). At least the silo's minimum reminder period. Default 1 minute.
    /// </summary>
    public TimeSpan WakeRetryPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The soonest a reminder is set for. Orleans skips the first tick of a reminder whose time has
    /// passed when it is loaded, so "now" is set a moment ahead. Default 1 s.
    /// </summary>
    public TimeSpan ReminderDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryDelay(int failures) =>
        TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, FirstRetryDelay.Ticks * (1L << Math.Min(failures - 1, 30))));

    /// <summary>Why these options cannot work, or null.</summary>
    public string? Problem() =>
        Policy.Problem() is { } policy ? $"the seizure policy is not usable: {policy}"
        : ReplyDeadline <= TimeSpan.Zero || FirstRetryDelay <= TimeSpan.Zero || MaxRetryDelay < FirstRetryDelay ? "the reply deadline and retry delays must be positive, the longest retry delay at least the first"
        : WakeRetryPeriod <= TimeSpan.Zero || ReminderDelay <= TimeSpan.Zero ? "the wake retry period and reminder delay must be positive"
        : null;
}
