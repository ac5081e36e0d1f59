using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Runtime.Diagnostics;
using Tracking.Runtime.Tests.Grains;
using Tracking.TestingHost;

namespace Tracking.Runtime.Tests;

/// <summary>Alone, so that what the runtime's meter reports is this test's work only.</summary>
[CollectionDefinition(nameof(MetricsTests), DisableParallelization = true)]
public sealed class MetricsCollection;

[Collection(nameof(MetricsTests))]
public sealed class MetricsTests
{
    private readonly ConcurrentDictionary<string, double> _sums = new();
    private readonly ConcurrentDictionary<string, int> _counts = new();

    [Fact]
    public async Task Writes_activations_partitions_and_calls_across_silos_move_the_runtime_s_metrics()
    {
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == RuntimeTelemetry.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Record(i, value, tags));
        listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Record(i, value, tags));
        listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Record(i, value, tags));
        listener.Start();

        await using var storage = await TestStorage.CreateAsync(TestStorage.Postgres);
        await using var cluster = await TestCluster.StartAsync(storage, 2, RuntimeFixture.Types, TestJsonContext.Options, services: s => s.AddSingleton<ActivationLog>().AddSingleton<TestGates>());
        var (caller, owner) = (cluster.Silos[0], cluster.Silos[1]);
        var grains = Enumerable.Range(0, 200).Select(i => caller.GrainFactory.Get<ICounterGrain>($"m{i}")).Where(g => cluster.OwnerOf(g.Id) == owner).Take(20).ToArray();
        foreach (var grain in grains)
        {
            Assert.Equal(1, await grain.CallAsync(new Increment(0, 0)));
        }

        listener.RecordObservableInstruments();
        Assert.True(Sum("tracking.storage.writes", "tracking.outcome=written") >= grains.Length);
        Assert.True(Count("tracking.storage.write.duration") >= 1);
        Assert.True(Sum("tracking.activations", $"tracking.silo={owner.Silo.ClusterId}") >= grains.Length);
        Assert.Equal(TestCluster.PartitionCount, cluster.Silos.Sum(s => Sum("tracking.partitions.held", $"tracking.silo={s.Silo.ClusterId}")));
        Assert.True(Count("tracking.grain.call.duration", $"tracking.grain.type={grains[0].Id.Type}") >= grains.Length);
        Assert.True(cluster.Silos.Sum(s => Sum("tracking.partitions.lease.changes", $"tracking.silo={s.Silo.ClusterId}")) >= TestCluster.PartitionCount);
        Assert.True(Sum("tracking.partitions.lease.changes", "tracking.lease.change=claimed") >= TestCluster.PartitionCount);

        // Three calls wait behind a turn that waits at a gate: the owner's mailboxes hold three, then none.
        var gates = owner.Services.GetRequiredService<TestGates>();
        var blocked = grains[0].CallAsync(new WaitFor("mailbox"));
        await WaitUntilAsync(() => gates.Reached("mailbox"));
        var queued = Enumerable.Range(1, 3).Select(i => grains[0].CallAsync(new Increment(1, i))).ToArray();
        await WaitUntilAsync(() => owner.Silo.QueuedMessages == 3);
        _sums.Clear();
        listener.RecordObservableInstruments();
        Assert.Equal(3, Sum("tracking.mailbox.queued", $"tracking.silo={owner.Silo.ClusterId}"));
        gates.Get("mailbox").SetResult();
        await blocked;
        await Task.WhenAll(queued);
        Assert.Equal(0, owner.Silo.QueuedMessages);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(20);
        }
    }

    private void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct
    {
        var key = instrument.Name + "|" + string.Join(",", tags.ToArray().OrderBy(t => t.Key).Select(t => $"{t.Key}={t.Value}"));
        _sums.AddOrUpdate(key, Convert.ToDouble(value), (_, sum) => sum + Convert.ToDouble(value));
        _counts.AddOrUpdate(key, 1, (_, count) => count + 1);
    }

    /// <summary>The sum of an instrument's measurements whose tags contain <paramref name="tag"/>.</summary>
    private double Sum(string instrument, string tag = "") => _sums.Where(m => m.Key.StartsWith(instrument + "|", StringComparison.Ordinal) && m.Key.Contains(tag, StringComparison.Ordinal)).Sum(m => m.Value);

    private int Count(string instrument, string tag = "") => _counts.Where(m => m.Key.StartsWith(instrument + "|", StringComparison.Ordinal) && m.Key.Contains(tag, StringComparison.Ordinal)).Sum(m => m.Value);
}
