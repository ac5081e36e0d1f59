namespace Tracking.Runtime.Persistence;

/// <summary>Grain state and event history. Implementations commit a state and its events atomically.</summary>
public interface IGrainStorage
{
    async Task<StoredState?> ReadStateAsync(GrainId grain, CancellationToken cancellationToken) =>
        (await ReadStatesAsync([grain], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>Many grains' states in one round trip; one entry per grain, in order, null for a grain never written.</summary>
    Task<IReadOnlyList<StoredState?>> ReadStatesAsync(IReadOnlyList<GrainId> grains, CancellationToken cancellationToken);

    /// <summary>
    /// Commits many writes together (one round trip, one commit), checking each write's expected
    /// version; returns one outcome per write, in order.
    /// </summary>
    Task<IReadOnlyList<WriteOutcome>> WriteBatchAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(GrainId grain, CancellationToken cancellationToken);

    /// <summary>Keys of written grains of one type in key order, after <paramref name="after"/>: a page read along the primary key, not a scan.</summary>
    Task<IReadOnlyList<string>> ListKeysAsync(string grainType, string? after, int limit, CancellationToken cancellationToken);
}
