using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Runtime;
using Tracking.Runtime.Hosting;
using Tracking.Runtime.Placement;

namespace Tracking.TestingHost;

/// <summary>
/// Several silos on one PostgreSQL store, each with its own services and HTTP/2 endpoint, with
/// membership timings short enough for tests: silos can be added, stopped, killed and paused.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    /// <summary>Partitions of a test cluster: enough to spread over four silos, few enough to move quickly.</summary>
    public const int PartitionCount = 32;

    private readonly TestStorage _storage;
    private readonly Func<GrainTypeRegistry> _types;
    private readonly JsonSerializerOptions _json;
    private readonly Action<SiloOptions>? _configure;
    private readonly Action<IServiceCollection>? _services;
    private readonly List<TestSilo> _silos = [];
    private readonly HashSet<TestSilo> _down = [];

    private TestCluster(TestStorage storage, Func<GrainTypeRegistry> types, JsonSerializerOptions json, Action<SiloOptions>? configure, Action<IServiceCollection>? services)
    {
        _storage = storage;
        _types = types;
        _json = json;
        _configure = configure;
        _services = services;
    }

    public IReadOnlyList<TestSilo> Silos => _silos;

    public GrainPartitioner Partitioner { get; } = new(PartitionCount);

    public static async Task<TestCluster> StartAsync(
        TestStorage storage,
        int silos,
        Func<GrainTypeRegistry> types,
        JsonSerializerOptions json,
        Action<SiloOptions>? configure = null,
        Action<IServiceCollection>? services = null)
    {
        var cluster = new TestCluster(storage, types, json, configure, services);
        for (var i = 0; i < silos; i++)
        {
            await cluster.AddSiloAsync();
        }

        await cluster.WaitForBalanceAsync();
        return cluster;
    }

    /// <summary>Fast membership: heartbeats every 100 ms, a silo gone after 1.5 s, leases of 2 s.</summary>
    public static void FastMembership(SiloOptions options)
    {
        options.PartitionCount = PartitionCount;
        options.Cluster.HeartbeatInterval = TimeSpan.FromMilliseconds(100);
        options.Cluster.SiloTimeout = TimeSpan.FromMilliseconds(1500);
        options.Cluster.LeaseDuration = TimeSpan.FromSeconds(2);
        options.Cluster.LeaseSafetyMargin = TimeSpan.FromMilliseconds(500);
    }

    public async Task<TestSilo> AddSiloAsync()
    {
        var silo = await TestSilo.StartAsync(_storage, _types, _json, configure: options =>
        {
            FastMembership(options);
            _configure?.Invoke(options);
        }, services: _services);
        _silos.Add(silo);
        return silo;
    }

    /// <summary>The running silo that holds the grain's partition now.</summary>
    public TestSilo OwnerOf(GrainId grain)
    {
        var partition = Partitioner.PartitionOf(grain);
        return _silos.Single(s => !_down.Contains(s) && s.Silo.HeldPartitions.Contains(partition));
    }

    /// <summary>Stops a silo gracefully: it hands its partitions over first.</summary>
    public async Task StopAsync(TestSilo silo)
    {
        _down.Add(silo);
        await silo.Silo.StopAsync(CancellationToken.None);
    }

    public async Task KillAsync(TestSilo silo)
    {
        _down.Add(silo);
        await silo.KillAsync();
    }

    /// <summary>
    /// Waits until the running silos agree: every partition held by exactly one of them, each
    /// holding what rendezvous hashing gives it, none draining.
    /// </summary>
    public async Task WaitForBalanceAsync(TimeSpan? timeout = null, IReadOnlyCollection<TestSilo>? excluded = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        var running = _silos.Where(s => !_down.Contains(s) && (excluded is null || !excluded.Contains(s))).ToArray();
        while (true)
        {
            var ids = running.Select(s => s.Silo.ClusterId!).ToArray();
            var held = running.SelectMany(s => s.Silo.HeldPartitions.Select(p => (Silo: s.Silo.ClusterId!, Partition: p))).ToArray();
            var balanced = held.Length == PartitionCount
                && held.Select(h => h.Partition).Distinct().Count() == PartitionCount
                && held.All(h => Rendezvous.Owner(h.Partition, ids) == h.Silo);
            if (balanced)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The cluster did not settle: {held.Length} partitions held by {string.Join(", ", running.Select(s => $"{s.Silo.ClusterId}={s.Silo.HeldPartitions.Count}"))}.");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            if (_down.Contains(silo))
            {
                await silo.KillAsync();
            }
            else
            {
                await silo.DisposeAsync();
            }
        }
    }
}
