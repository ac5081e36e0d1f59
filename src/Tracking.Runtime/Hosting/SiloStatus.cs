namespace Tracking.Runtime.Hosting;

public enum SiloStatus
{
    Created,

    /// <summary>Started, but storage has not been reached yet; calls fail with a clear error and it keeps trying.</summary>
    WaitingForStorage,

    Running,
    Stopping,
    Stopped,
}
