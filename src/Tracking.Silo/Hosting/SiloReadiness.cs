using Orleans.Runtime;
using Tracking.Storage;

namespace Tracking.Silo.Hosting;

/// <summary>Whether this silo should be sent work: it is an active member of its cluster and reaches its store.</summary>
public sealed class SiloReadiness(ISiloStatusOracle membership, ITrackingStore store)
{
    public async Task<(bool Ready, string Reason)> CheckAsync(CancellationToken cancellationToken)
    {
        if (membership.CurrentStatus != SiloStatus.Active)
        {
            return (false, $"silo is {membership.CurrentStatus}");
        }

        try
        {
            await store.PingAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return (false, $"store not reached: {ex.Message}");
        }

        return (true, "ready");
    }
}
