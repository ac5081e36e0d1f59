using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.TestingHost;
using Tracking.Grains;
using Tracking.Grains.Exchanges;
using Tracking.Grains.Seizures;
using Tracking.Grains.Serialization;
using Tracking.Silo.Hosting;
using Tracking.Storage.Persistence;

namespace Tracking.TestingHost;

/// <summary>
/// Silos in this process on a <see cref="TestStorage"/> (Orleans' in-process test cluster: its
/// membership and transport in memory; Tracking's store and Orleans' reminders on the test's
/// database), set up as the real silos are, and a client that calls them as the command line does,
/// through a gateway, so every call crosses the wire. Silos can be added, stopped, killed and
/// restarted on the same store.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly InProcessTestCluster _cluster;
    private readonly GrainStateStore _states;
    private readonly Storage.ITrackingStore _store;

    private TestCluster(InProcessTestCluster cluster, Storage.ITrackingStore store, TimeProvider clock)
    {
        _cluster = cluster;
        _store = store;
        Clock = clock;
        _states = new GrainStateStore(store, new StorageOptions(), "test-client", Microsoft.Extensions.Logging.Abstractions.NullLogger<GrainStateStore>.Instance);
        Context = new TrackingContext(cluster.Client, _states, store.Views, clock);
    }

    /// <summary>The grains' and reminders' clock in every silo.</summary>
    public TimeProvider Clock { get; }

    public IGrainFactory GrainFactory => _cluster.Client;

    /// <summary>The grains through the client, and the store for bulk loads and read models, as the case API and command line work with them.</summary>
    public TrackingContext Context { get; }

    public IReadOnlyList<InProcessSiloHandle> Silos => _cluster.Silos;

    public static async Task<TestCluster> StartAsync(
        TestStorage storage,
        int silos = 1,
        TimeProvider? clock = null,
        SeizureOptions? seizures = null,
        ExchangeOptions? exchanges = null,
        Action<IServiceCollection>? services = null)
    {
        var time = clock ?? TimeProvider.System;
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo.AddTrackingGrains(storage.CreateStore(), new TrackingSiloOptions(), time, GrainServices.Views));
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Logging.SetMinimumLevel(LogLevel.Warning);
            host.Services.AddTrackingGrainServices(exchanges ?? new ExchangeOptions(), seizures ?? new SeizureOptions());
            services?.Invoke(host.Services);
        });
        builder.ConfigureClient(client =>
        {
            client.Services.AddTrackingSerialization();
            RetryOnSiloLoss.AddTo(client);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        var store = await storage.OpenStoreAsync();
        return new TestCluster(cluster, store, time);
    }

    /// <summary>A silo's services (the first silo's by default).</summary>
    public IServiceProvider Services(int silo = 0) => _cluster.Silos[silo].ServiceProvider;

    /// <summary>Stops every silo gracefully and starts as many new ones on the same store, as after a restart of every process.</summary>
    public async Task RestartAsync()
    {
        var count = _cluster.Silos.Count;
        await _cluster.StopAllSilosAsync();
        await _cluster.StartSilosAsync(count);
        await _cluster.InitializeClientAsync();
    }

    public Task<InProcessSiloHandle> AddSiloAsync() => _cluster.StartAdditionalSiloAsync();

    /// <summary>Stops a silo gracefully: it leaves the cluster and deactivates its grains.</summary>
    public Task StopSiloAsync(InProcessSiloHandle silo) => _cluster.StopSiloAsync(silo);

    /// <summary>Ends a silo as a killed process ends: no goodbye; the others find it dead.</summary>
    public Task KillSiloAsync(InProcessSiloHandle silo) => _cluster.KillSiloAsync(silo);

    /// <summary>The silo a grain is active on now, if any.</summary>
    public async Task<InProcessSiloHandle?> SiloOfAsync(IAddressable grain) =>
        await GrainFactory.GetGrain<IManagementGrain>(0).GetActivationAddress(grain) is { } address ? _cluster.GetSiloForAddress(address) : null;

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _states.DisposeAsync();
        await _store.DisposeAsync();
    }
}
