namespace Tracking.Domain;

/// <summary>
/// What a state machine decided about a command: the events to record (none when the command
/// changes nothing, e.g. a duplicate), or the reason it was rejected.
/// </summary>
public sealed record Decision<TEvent>(IReadOnlyList<TEvent> Events, string? Rejection)
{
    public static Decision<TEvent> Accept(params TEvent[] events) => new(events, null);

    public static Decision<TEvent> Reject(string reason) => new([], reason);

    public bool IsRejected => Rejection is not null;
}
