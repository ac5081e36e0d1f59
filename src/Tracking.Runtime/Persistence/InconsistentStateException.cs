namespace Tracking.Runtime.Persistence;

/// <summary>
/// A write was based on a version that is no longer the stored one. Nothing of it was written; the
/// activation reloads its state before the next message.
/// </summary>
public sealed class InconsistentStateException(GrainId grain, long expectedVersion)
    : Exception($"Write to grain {grain} rejected: it was based on version {expectedVersion}, but another writer has changed the stored state since. Nothing was written; retry the call.")
{
    public GrainId Grain { get; } = grain;

    public long ExpectedVersion { get; } = expectedVersion;
}
