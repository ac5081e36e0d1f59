using Tracking.Runtime.Hosting;

namespace Tracking.Grains.Seizures;

/// <summary>
/// Every seizure, read page by page along the store's key and then from each grain. Enough for
/// the command line; filtered and searched lists belong to read models.
/// </summary>
public static class CaseCatalog
{
    public static async Task<IReadOnlyList<SeizureView>> ListAsync(Runtime.Hosting.Silo silo, CancellationToken cancellationToken, int pageSize = 500)
    {
        var all = new List<SeizureView>();
        string? after = null;
        while (true)
        {
            var keys = await silo.ListKeysAsync<ISeizureGrain>(after, pageSize, cancellationToken);
            var views = await Task.WhenAll(keys.Select(k => silo.Get<ISeizureGrain>(k).CallAsync(new GetSeizure(), cancellationToken)));
            all.AddRange(views);
            if (keys.Count < pageSize)
            {
                return all;
            }

            after = keys[^1];
        }
    }
}
