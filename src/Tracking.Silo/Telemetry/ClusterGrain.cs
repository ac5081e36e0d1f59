using Orleans.Runtime;
using Tracking.Grains.Operations;

namespace Tracking.Silo.Telemetry;

/// <summary>Looks at the cluster through Orleans' management grain and each silo's own <see cref="ISiloOperations"/>.</summary>
[GrainType("cluster")]
internal sealed class ClusterGrain(SiloOperationsClient silos) : Grain, IClusterGrain
{
    /// <summary>Dead silos are shown this long after their last report, then only kept in the membership table.</summary>
    private static readonly TimeSpan s_showDead = TimeSpan.FromMinutes(10);

    private IManagementGrain Management => GrainFactory.GetGrain<IManagementGrain>(0);

    public async Task<ClusterView> LookAsync(bool askSilos, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        var hosts = (await Management.GetDetailedHosts(onlyActive: false)).Where(h => h.Status != SiloStatus.Dead || now - h.IAmAliveTime < s_showDead).ToArray();
        var active = hosts.Where(h => h.Status == SiloStatus.Active).Select(h => h.SiloAddress).ToArray();
        var statistics = active.Length == 0 ? [] : await Management.GetRuntimeStatistics(active);
        var activations = active.Zip(statistics).ToDictionary(p => p.First, p => p.Second.ActivationCount);
        var views = await Task.WhenAll(hosts.OrderBy(h => h.SiloAddress.ToString(), StringComparer.Ordinal).Select(async h =>
        {
            var alive = h.Status == SiloStatus.Active;
            var (figures, unreachable) = !askSilos ? (null, null) : alive ? await AskAsync(h.SiloAddress) : (null, "not active");
            return new SiloView(
                h.SiloAddress.ToString(),
                h.SiloName,
                h.Status.ToString().ToLowerInvariant(),
                alive,
                Math.Round((now - h.IAmAliveTime).TotalSeconds, 1),
                activations.GetValueOrDefault(h.SiloAddress),
                figures,
                null,
                unreachable);
        }));
        return new ClusterView(DateTimeOffset.UtcNow, views);
    }

    public async Task<bool> StopSiloAsync(string silo, CancellationToken cancellationToken)
    {
        var hosts = await Management.GetHosts(onlyActive: true);
        if (hosts.Keys.FirstOrDefault(h => h.ToString() == silo || h.ToParsableString() == silo) is not { } address)
        {
            return false;
        }

        await silos.On(address).StopAsync();
        return true;
    }

    private async Task<(SiloFigures?, string?)> AskAsync(SiloAddress silo)
    {
        try
        {
            return (await silos.On(silo).ReadFiguresAsync().WaitAsync(TimeSpan.FromSeconds(5)), null);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            return (null, ex.Message);
        }
    }
}
