using Tracking.Runtime.Hosting;
using Tracking.Runtime.Transport;

namespace Tracking.LoadTests;

/// <summary>
/// A silo of the benchmark process with its transport endpoint, as a cluster store (PostgreSQL)
/// requires of every silo that hosts grains; on the embedded store the endpoint just goes unused.
/// </summary>
internal sealed class HostedSilo : IAsyncDisposable
{
    private readonly SiloTransportHost _host;

    private HostedSilo(Runtime.Hosting.Silo silo, SiloTransportHost host)
    {
        Silo = silo;
        _host = host;
    }

    public Runtime.Hosting.Silo Silo { get; }

    /// <summary>Starts the endpoint, then the silo <paramref name="create"/> makes with the options change it is given applied.</summary>
    public static async Task<HostedSilo> StartAsync(Func<Action<SiloOptions>, Runtime.Hosting.Silo> create)
    {
        Runtime.Hosting.Silo? silo = null;
        var host = await SiloTransportHost.StartAsync(() => silo!, CancellationToken.None);
        silo = create(options => options.Cluster.Address = host.Address);
        await silo.StartAsync(CancellationToken.None);
        silo.ThrowIfNotRunning();
        return new HostedSilo(silo, host);
    }

    public async ValueTask DisposeAsync()
    {
        await Silo.DisposeAsync();
        await _host.DisposeAsync();
    }
}
