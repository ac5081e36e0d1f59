namespace Tracking.Runtime;

/// <summary>Marker for grain interfaces: callers name a grain by interface and key, never by class.</summary>
public interface IGrain;
