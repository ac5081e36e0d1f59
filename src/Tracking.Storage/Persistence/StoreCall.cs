namespace Tracking.Storage.Persistence;

/// <summary>How a call reaches the engine from a grain.</summary>
internal static class StoreCall
{
    /// <summary>
    /// Runs on the thread pool, so an engine whose calls block (SQLite) never holds a grain
    /// scheduler's thread; a failure of the engine becomes <see cref="StorageUnavailableException"/>,
    /// which every caller (and Orleans' wire) knows.
    /// </summary>
    public static async Task<T> OffGrainThreadAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            return await Task.Run(work, cancellationToken).ConfigureAwait(false);
        }
        catch (System.Data.Common.DbException ex)
        {
            throw new StorageUnavailableException($"Storage failed: {ex.Message}", ex);
        }
    }

    /// <inheritdoc cref="OffGrainThreadAsync{T}"/>
    public static Task OffGrainThreadAsync(Func<Task> work, CancellationToken cancellationToken) =>
        OffGrainThreadAsync(async () =>
        {
            await work().ConfigureAwait(false);
            return true;
        }, cancellationToken);
}
