namespace Tracking.Storage.Persistence;

/// <summary>A grain's state as stored: its version and JSON.</summary>
public sealed record StoredState(long Version, string Json);
