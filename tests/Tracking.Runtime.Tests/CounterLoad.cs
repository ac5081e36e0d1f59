using System.Collections.Concurrent;
using Tracking.Runtime.Tests.Grains;
using Tracking.TestingHost;

namespace Tracking.Runtime.Tests;

/// <summary>
/// Workers incrementing counters through whichever silos are up, each call through a random one,
/// remembering every increment that succeeded, so a test can check the store against them.
/// </summary>
internal sealed class CounterLoad(TestCluster cluster, int counters)
{
    private readonly ConcurrentBag<(string Key, long Value)> _succeeded = [];
    private readonly ConcurrentBag<Exception> _failures = [];
    private readonly CancellationTokenSource _stop = new();

    public Task RunAsync(int workers) => Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() => WorkAsync(w))));

    public async Task<IReadOnlyList<Exception>> StopAsync(Task running)
    {
        await _stop.CancelAsync();
        await running;
        return _failures.ToArray();
    }

    /// <summary>Each counter's history holds 1..n exactly once, n being the increments that succeeded.</summary>
    public async Task AssertEveryIncrementCommittedOnceAsync(TestStorage storage)
    {
        Assert.NotEmpty(_succeeded);
        foreach (var group in _succeeded.GroupBy(s => s.Key))
        {
            var values = group.Select(s => s.Value).Order().ToArray();
            Assert.Equal(Enumerable.Range(1, values.Length).Select(v => (long)v), values);
            var events = await storage.CountAsync($"SELECT 1 FROM grain_events WHERE grain_key = '{group.Key}'");
            Assert.Equal(values.Length, (int)events);
        }
    }

    private async Task WorkAsync(int worker)
    {
        var sequence = 0;
        while (!_stop.IsCancellationRequested)
        {
            var up = cluster.Silos.Where(s => s.Silo.Status == Hosting.SiloStatus.Running).ToArray();
            var silo = up[Random.Shared.Next(up.Length)];
            var key = $"load{Random.Shared.Next(counters)}";
            try
            {
                _succeeded.Add((key, await silo.GrainFactory.Get<ICounterGrain>(key).CallAsync(new Increment(worker, sequence++))));
            }
            catch (Hosting.SiloUnavailableException) when (silo.Silo.Status != Hosting.SiloStatus.Running)
            {
                // The client picked a silo that was being stopped: it refused before doing anything.
            }
            catch (Exception ex)
            {
                _failures.Add(ex);
            }
        }
    }
}
