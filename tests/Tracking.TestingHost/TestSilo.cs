using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tracking.Runtime;
using Tracking.Runtime.Hosting;

namespace Tracking.TestingHost;

/// <summary>
/// An in-process silo for tests, like Orleans' TestingHost: started on a <see cref="TestStorage"/>,
/// it gives tests a grain factory and can be stopped and restarted on the same store.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly TestStorage _storage;
    private readonly Func<GrainTypeRegistry> _types;
    private readonly JsonSerializerOptions _json;
    private readonly Action<SiloOptions>? _configure;
    private readonly Action<IServiceCollection>? _services;

    private TestSilo(TestStorage storage, Func<GrainTypeRegistry> types, JsonSerializerOptions json, TimeProvider time, Action<SiloOptions>? configure, Action<IServiceCollection>? services)
    {
        _storage = storage;
        _types = types;
        _json = json;
        TimeProvider = time;
        _configure = configure;
        _services = services;
        Silo = Build();
    }

    public Silo Silo { get; private set; }

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
        await silo.Silo.StartAsync(CancellationToken.None);
        await silo.Silo.Ready.WaitAsync(TimeSpan.FromSeconds(30));
        return silo;
    }

    /// <summary>Stops the silo (deactivating every grain) and starts a new one on the same store, as after a process restart.</summary>
    public async Task RestartAsync()
    {
        await Silo.StopAsync(CancellationToken.None);
        Silo = Build();
        await Silo.StartAsync(CancellationToken.None);
        await Silo.Ready.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync() => await Silo.DisposeAsync();

    private Silo Build()
    {
        var options = new SiloOptions { Json = _json };
        _configure?.Invoke(options);
        if (Services is null)
        {
            var collection = new ServiceCollection();
            _services?.Invoke(collection);
            Services = collection.BuildServiceProvider();
        }

        return new Silo(options, _storage.CreateProvider(), _types(), Services, NullLoggerFactory.Instance, TimeProvider);
    }
}
