namespace Tracking.Storage.Persistence;

/// <summary>
/// A grain's state as stored: its version and JSON; or, for a grain the store keeps without a copy
/// of its state (<see cref="StateWrite.StateJson"/> null since its creation), no JSON and all its
/// events, whose grain makes its state from them.
/// </summary>
public sealed record StoredState(long Version, string? Json)
{
    /// <summary>The JSON of every event of every version, in order, when <see cref="Json"/> is null; otherwise null.</summary>
    public IReadOnlyList<string>? Events { get; init; }
}
