using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tracking.Grains;
using Tracking.Grains.Exchanges;
using Tracking.Grains.Seizures;
using Tracking.Silo.Hosting;
using Tracking.Silo.Telemetry;
using Tracking.Storage;

namespace Tracking.LoadTests;

/// <summary>
/// An Orleans silo inside the benchmark process, set up as Tracking's silos are (grain state in our
/// store, Orleans' reminders and, on PostgreSQL, its membership in the same database, the call
/// monitor, the grains' serialization), so that a call made from this process's code is an in-silo
/// call. Each benchmark adds what it needs: a clock, an exchange, another grain storage.
/// </summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchSilo(IHost host) => _host = host;

    /// <summary>The silo's grains, called from outside any grain of it.</summary>
    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The grains with the store, for bulk loads and read models, as the case API works with them.</summary>
    public TrackingContext Context => _host.Services.GetRequiredService<TrackingContext>();

    /// <summary>Calls of Tracking's grains running in this silo now.</summary>
    public GrainCallMonitor Calls => _host.Services.GetRequiredService<GrainCallMonitor>();

    /// <summary>The silo's address, as a grain on it reports it (<see cref="IBenchGrain.WhereAsync"/>).</summary>
    public string Address => _host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString();

    /// <summary>A cluster of its own for one run, so that no silo of an earlier run on the same database is taken for a member.</summary>
    public static TrackingSiloOptions NewCluster() => new() { ClusterId = $"bench-{Guid.NewGuid():N}"[..16], ServiceId = $"bench-{Guid.NewGuid():N}"[..16] };

    /// <summary>
    /// Starts a silo on <paramref name="store"/> (which it then owns); with <paramref name="gatewayPort"/>
    /// clients can call it; <paramref name="services"/> go after Tracking's, so they replace them.
    /// </summary>
    public static async Task<BenchSilo> StartAsync(
        ITrackingStore store,
        TrackingSiloOptions? options = null,
        TimeProvider? clock = null,
        int gatewayPort = 0,
        Action<ISiloBuilder>? configure = null,
        Action<IServiceCollection>? services = null)
    {
        var silo = options ?? NewCluster();
        var builder = Host.CreateApplicationBuilder(HostArguments.With(null));
        builder.Logging.ClearProviders()
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .SetMinimumLevel(LogLevel.Warning)
            // Reminders allowed to repeat within seconds are Tracking's choice (a seizure's retries), not news.
            .AddFilter("Orleans.Hosting.ReminderOptionsValidator", level => level >= LogLevel.Error);
        builder.UseOrleans(orleans =>
        {
            orleans.AddTrackingGrains(store, silo, clock ?? TimeProvider.System, GrainServices.Views)
                .UseTrackingCluster(store, silo, IPAddress.Loopback, FreePort.Find(IPAddress.Loopback), gatewayPort);
            configure?.Invoke(orleans);
        });
        builder.Services.AddTrackingGrainServices(new ExchangeOptions(), new SeizureOptions());
        services?.Invoke(builder.Services);
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            await ((IAsyncDisposable)host).DisposeAsync();
            throw;
        }

        return new BenchSilo(host);
    }

    /// <summary>A grain of <paramref name="key"/> activated on this silo (bench grains prefer the silo that first calls them); throws if it is active elsewhere.</summary>
    public async Task<IBenchGrain> PlaceAsync(string key)
    {
        var grain = Grains.GetGrain<IBenchGrain>(key);
        var where = await grain.WhereAsync();
        return where == Address ? grain : throw new InvalidOperationException($"bench grain {key} is active on {where}, not on {Address}");
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();

        // The store and its batchers are disposed with the silo's services; they dispose asynchronously only.
        await ((IAsyncDisposable)_host).DisposeAsync();
    }
}
