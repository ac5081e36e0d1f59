namespace Tracking.Runtime.Persistence;

/// <summary>
/// Activations load their state through a queue, so that many grains activated at once are read
/// in one round trip instead of one query each.
/// </summary>
internal sealed class StateReadBatcher : IAsyncDisposable
{
    private readonly IGrainStorage _storage;
    private readonly BatchQueue<GrainId, StoredState?> _queue;

    public StateReadBatcher(IGrainStorage storage, int maxBatchSize, int concurrency)
    {
        _storage = storage;
        _queue = new BatchQueue<GrainId, StoredState?>(maxBatchSize, concurrency, ReadAsync);
    }

    public Task<StoredState?> ReadAsync(GrainId grain, CancellationToken cancellationToken) => _queue.EnqueueAsync(grain, cancellationToken);

    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    private async Task ReadAsync(IReadOnlyList<Batched<GrainId, StoredState?>> batch)
    {
        try
        {
            // A grain activated twice in one batch (after a quick deactivation) is read once per request.
            var states = await _storage.ReadStatesAsync(batch.Select(b => b.Request).ToArray(), CancellationToken.None).ConfigureAwait(false);
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
