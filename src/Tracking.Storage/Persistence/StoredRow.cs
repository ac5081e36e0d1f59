namespace Tracking.Storage.Persistence;

/// <summary>
/// A grain's row without its state or events: its version, whether the store keeps a state for it
/// (false for a grain it keeps as its events alone, <see cref="StoredState.Json"/> null), and its
/// matched fields (<see cref="StateWrite.Indexed"/>).
/// </summary>
public sealed record StoredRow(long Version, bool KeepsState, string? Indexed);
