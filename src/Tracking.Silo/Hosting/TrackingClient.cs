using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Tracking.Grains;
using Tracking.Grains.Serialization;
using Tracking.Storage;
using Tracking.Storage.Persistence;

namespace Tracking.Silo.Hosting;

/// <summary>
/// An Orleans client of a running cluster on PostgreSQL: it finds the silos' gateways in the
/// store's membership table and sends every grain call to them; read models and bulk loads go to
/// the store directly, as any silo's do.
/// </summary>
public sealed class TrackingClient : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly ITrackingStore _store;
    private readonly GrainStateStore _states;

    private TrackingClient(IHost host, ITrackingStore store, GrainStateStore states)
    {
        (_host, _store, _states) = (host, store, states);
        Context = new TrackingContext(host.Services.GetRequiredService<IClusterClient>(), states, store.Views, TimeProvider.System);
    }

    public TrackingContext Context { get; }

    /// <summary>Connects to the cluster; throws <see cref="StorageUnavailableException"/> when the store cannot be reached, and Orleans' connection error when no silo answers.</summary>
    public static async Task<TrackingClient> ConnectAsync(string connectionString, TrackingSiloOptions options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var store = new Storage.Postgres.PostgresStore(connectionString);
        try
        {
            await store.PingAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await store.DisposeAsync();
            throw new StorageUnavailableException($"{store.Description} is not reachable: {ex.Message}", ex);
        }

        var builder = Host.CreateApplicationBuilder(HostArguments.With(null));
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.Services.AddTrackingSerialization();
        builder.UseOrleansClient(client =>
        {
            RetryOnSiloLoss.AddTo(client);
            client
                .UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (store.AdoNetInvariant, store.AdoNetConnectionString))
                .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (options.ClusterId, options.ServiceId));
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            await store.DisposeAsync();
            throw;
        }

        return new TrackingClient(host, store, new GrainStateStore(store, options.Storage, "client", loggers.CreateLogger<GrainStateStore>()));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
        await _states.DisposeAsync();
        await _store.DisposeAsync();
    }
}
