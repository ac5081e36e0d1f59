using Microsoft.Extensions.Hosting;

namespace Tracking.Silo.Hosting;

/// <summary>Runs the silo for the lifetime of the web host.</summary>
internal sealed class SiloHostedService(Runtime.Hosting.Silo silo) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => silo.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => silo.StopAsync(cancellationToken);
}
