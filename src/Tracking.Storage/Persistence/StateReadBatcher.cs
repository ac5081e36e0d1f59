namespace Tracking.Storage.Persistence;

/// <summary>
/// Activations load their state through a queue, so that many grains activated at once are read
/// in one round trip instead of one query each.
/// </summary>
internal sealed class StateReadBatcher : IAsyncDisposable
{
    private readonly IGrainStore _store;
    private readonly BatchQueue<GrainKey, StoredState?> _queue;

    public StateReadBatcher(IGrainStore store, int maxBatchSize, int concurrency)
    {
        _store = store;
        _queue = new BatchQueue<GrainKey, StoredState?>(maxBatchSize, concurrency, ReadAsync);
    }

    public Task<StoredState?> ReadAsync(GrainKey grain, CancellationToken cancellationToken) => _queue.EnqueueAsync(grain, cancellationToken);

    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    private async Task ReadAsync(IReadOnlyList<Batched<GrainKey, StoredState?>> batch)
    {
        try
        {
            // A grain activated twice in one batch (after a quick deactivation) is read once per request.
            var states = await _store.ReadStatesAsync(batch.Select(b => b.Request).ToArray(), CancellationToken.None).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(states[i]);
            }
        }
        catch (Exception ex)
        {
            var error = ex as StorageUnavailableException ?? new StorageUnavailableException($"Storage read failed: {ex.Message}", ex);
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(error);
            }
        }
    }
}
