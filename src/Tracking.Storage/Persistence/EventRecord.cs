namespace Tracking.Storage.Persistence;

/// <summary>An event about to be appended: its type name and JSON.</summary>
public sealed record EventRecord(string Type, string Json);
