using Tracking.Storage.Persistence;

namespace Tracking.Grains.Seizures;

/// <summary>
/// Every seizure, read page by page along the store's key and then from each grain. Enough for
/// the command line; filtered and searched lists belong to read models.
/// </summary>
public static class CaseCatalog
{
    public static async Task<IReadOnlyList<SeizureView>> ListAsync(IGrainFactory grains, GrainStateStore store, CancellationToken cancellationToken, int pageSize = 500)
    {
        var all = new List<SeizureView>();
        string? after = null;
        while (true)
        {
            var keys = await store.ListKeysAsync(SeizureGrain.TypeName, after, pageSize, cancellationToken);
            all.AddRange(await Task.WhenAll(keys.Select(k => grains.GetGrain<ISeizureGrain>(k).GetAsync(cancellationToken))));
            if (keys.Count < pageSize)
            {
                return all;
            }

            after = keys[^1];
        }
    }
}
