namespace Tracking.Silo.Access;

/// <summary>A session signed out: its id and when (Unix seconds).</summary>
public sealed record SessionRevocation(string SessionId, long At);
