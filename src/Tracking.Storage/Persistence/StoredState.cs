namespace Tracking.Storage.Persistence;

/// <summary>
/// A grain's state as stored: its version and JSON; or, for a grain created without a copy of its
/// state (<see cref="StateWrite.StateJson"/> null) and not written since, no JSON and the events
/// that created it, whose grain makes its state from them.
/// </summary>
public sealed record StoredState(long Version, string? Json)
{
    /// <summary>The JSON of the events of version 1, in order, when <see cref="Json"/> is null; otherwise null.</summary>
    public IReadOnlyList<string>? Creation { get; init; }
}
