using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Tracking.Runtime;
using Tracking.Runtime.Hosting;
using Tracking.Runtime.Transport;

namespace Tracking.TestingHost;

/// <summary>
/// An in-process silo for tests, like Orleans' TestingHost: started on a <see cref="TestStorage"/>,
/// it gives tests a grain factory and can be stopped and restarted on the same store. On a cluster
/// store (PostgreSQL) it listens on a loopback HTTP/2 endpoint like any silo, so that it can be one
/// of a <see cref="TestCluster"/>, and can be killed or paused.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly TestStorage _storage;
    private readonly Func<GrainTypeRegistry> _types;
    private readonly JsonSerializerOptions _json;
    private readonly Action<SiloOptions>? _configure;
    private readonly Action<IServiceCollection>? _services;
    private SiloTransportHost? _host;

    private TestSilo(TestStorage storage, Func<GrainTypeRegistry> types, JsonSerializerOptions json, TimeProvider time, Action<SiloOptions>? configure, Action<IServiceCollection>? services)
    {
        _storage = storage;
        _types = types;
        _json = json;
        TimeProvider = time;
        _configure = configure;
        _services = services;
    }

    public Silo Silo { get; private set; } = null!;

    public IGrainFactory GrainFactory => Silo;

    public TimeProvider TimeProvider { get; }

    /// <summary>Services grains of this silo were created with (the same instance across restarts).</summary>
    public IServiceProvider Services { get; private set; } = null!;

    public static async Task<TestSilo> StartAsync(
        TestStorage storage,
        Func<GrainTypeRegistry> types,
        JsonSerializerOptions json,
        TimeProvider? time = null,
        Action<SiloOptions>? configure = null,
        Action<IServiceCollection>? services = null)
    {
        var silo = new TestSilo(storage, types, json, time ?? TimeProvider.System, configure, services);
        await silo.StartNewAsync();
        return silo;
    }

    /// <summary>Stops the silo (deactivating every grain) and starts a new one on the same store, as after a process restart.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartNewAsync();
    }

    /// <summary>Ends the silo as a killed process ends: no hand-over, no lease released, its endpoint gone.</summary>
    public async Task KillAsync()
    {
        await Silo.AbortAsync();
        await StopHostAsync();
    }

    /// <summary>Starts a fresh silo after <see cref="KillAsync"/>, as a supervisor restarting the process would.</summary>
    public Task StartAgainAsync() => StartNewAsync();

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task StopAsync()
    {
        await Silo.StopAsync(CancellationToken.None);
        await StopHostAsync();
    }

    private async Task StopHostAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
            _host = null;
        }
    }

    private async Task StartNewAsync()
    {
        var options = new SiloOptions { Json = _json };
        _configure?.Invoke(options);
        if (Services is null)
        {
            var collection = new ServiceCollection();
            _services?.Invoke(collection);
            Services = collection.BuildServiceProvider();
        }

        var provider = _storage.CreateProvider();
        Silo = new Silo(options, provider, _types(), Services, NullLoggerFactory.Instance, TimeProvider);
        if (provider.Leases is not null)
        {
            _host = await SiloTransportHost.StartAsync(() => Silo, CancellationToken.None);
            options.Cluster.Address = _host.Address;
        }

        await Silo.StartAsync(CancellationToken.None);
        await Silo.Ready.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
