using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Tracking.Runtime.Transport;

/// <summary>
/// A Kestrel host serving only a silo's transport endpoint on loopback, for a silo without a web
/// host of its own (tests, benchmarks): on a cluster store every silo that hosts grains must be
/// callable by the others. Start it first, give its <see cref="Address"/> to the silo's options,
/// then start the silo.
/// </summary>
public sealed class SiloTransportHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SiloTransportHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Starts the endpoint; calls are answered by the silo <paramref name="silo"/> gives once it exists.</summary>
    public static async Task<SiloTransportHost> StartAsync(Func<Hosting.Silo> silo, CancellationToken cancellationToken)
    {
        var endpoint = SiloEndpoint.Loopback();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(endpoint.Listen);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapSiloTransport(silo);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new SiloTransportHost(app, endpoint.Address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
