namespace Tracking.Runtime;

/// <summary>A reminder to set or clear together with a state write; of the writing grain unless another is named.</summary>
/// <remarks>Due either after <see cref="DueTime"/> from the write, or at <see cref="DueAt"/>; neither: cleared.</remarks>
public sealed record ReminderUpdate(GrainId? Grain, string Name, TimeSpan? DueTime, DateTimeOffset? DueAt = null)
{
    public static ReminderUpdate Set(string name, TimeSpan dueTime) => new(null, name, dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime);

    /// <summary>Due at a point in time, as a deadline is.</summary>
    public static ReminderUpdate SetAt(string name, DateTimeOffset dueAt) => new(null, name, null, dueAt);

    public static ReminderUpdate Clear(string name) => new(null, name, null);

    /// <summary>
    /// Has another grain take a turn through its reminder <paramref name="name"/> once this write
    /// commits: a durable nudge, where a call nobody waits for could be lost with the process (or
    /// deadlock, were two grains to call each other).
    /// </summary>
    public static ReminderUpdate Nudge<TGrain>(GrainReference<TGrain> grain, string name) where TGrain : IGrain => new(grain.Id, name, TimeSpan.Zero);
}
