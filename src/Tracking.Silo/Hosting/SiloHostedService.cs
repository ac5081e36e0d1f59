using Microsoft.Extensions.Hosting;
using Tracking.Runtime.Transport;

namespace Tracking.Silo.Hosting;

/// <summary>
/// Runs the silo for the lifetime of the web host. The silo starts once Kestrel has bound its
/// endpoints, because a cluster silo registers the address others reach it at; it stops the host
/// when an operator asked it to stop and it has handed its partitions over.
/// </summary>
internal sealed class SiloHostedService(Runtime.Hosting.Silo silo, SiloEndpoint endpoint, IHostApplicationLifetime lifetime) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        silo.Options.Cluster.Address ??= endpoint.Address;
        silo.StopRequested += lifetime.StopApplication;
        return silo.StartAsync(cancellationToken);
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => silo.StopAsync(cancellationToken);

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
