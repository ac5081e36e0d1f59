namespace Tracking.Runtime.Hosting;

/// <summary>The silo is not running (not started yet, or stopping), so it takes no calls.</summary>
public sealed class SiloUnavailableException(string message) : Exception(message);
