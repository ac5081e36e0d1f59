namespace Tracking.Storage.Persistence;

/// <summary>
/// A write was based on a version that is no longer the stored one: another activation wrote
/// first. Nothing of it was written.
/// </summary>
public sealed class WriteConflictException(GrainKey grain, long expectedVersion)
    : Exception($"Write to grain {grain} rejected: it was based on version {expectedVersion}, but another writer has changed the stored state since. Nothing was written; retry the call.")
{
    public GrainKey Grain { get; } = grain;

    public long ExpectedVersion { get; } = expectedVersion;
}
