using Tracking.Runtime.Tests.Grains;
using Tracking.Runtime.Timing;
using Tracking.TestingHost;

namespace Tracking.Runtime.Tests;

public sealed class ActivationLifecycleTests
{
    [Theory]
    [AllStorages]
    public async Task Idle_grains_deactivate_and_come_back_with_their_state(string kind)
    {
        var clock = new SimulatedTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var host = await RuntimeFixture.StartAsync(storage, clock, o =>
        {
            o.IdleTimeout = TimeSpan.FromMinutes(10);
            o.CollectionInterval = TimeSpan.FromDays(30);  // collected explicitly below
        });
        var log = (ActivationLog)host.Services.GetService(typeof(ActivationLog))!;
        var idle = host.GrainFactory.Get<ICounterGrain>("idle");
        var busy = host.GrainFactory.Get<ICounterGrain>("busy");
        await idle.CallAsync(new Increment(0, 0));
        await busy.CallAsync(new Increment(0, 0));

        clock.Advance(TimeSpan.FromMinutes(6));
        await busy.CallAsync(new Increment(0, 1));
        clock.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(1, await host.Silo.CollectIdleActivationsAsync(default));
        Assert.Equal(1, host.Silo.ActivationCount);
        Assert.Equal(1, log.Deactivations(idle.Id));
        Assert.Equal(0, log.Deactivations(busy.Id));

        Assert.Equal(2, await idle.CallAsync(new Increment(0, 1)));
        Assert.Equal(2, log.Activations(idle.Id));
    }

    [Fact]
    public async Task A_grain_is_never_active_twice_when_calls_race_its_deactivation()
    {
        var clock = new SimulatedTimeProvider(DateTimeOffset.UnixEpoch);
        await using var storage = await TestStorage.CreateAsync(TestStorage.Sqlite);
        await using var host = await RuntimeFixture.StartAsync(storage, clock, o => o.IdleTimeout = TimeSpan.FromSeconds(1));
        var counter = host.GrainFactory.Get<ICounterGrain>("racer");
        long expected = 0;
        for (var round = 0; round < 20; round++)
        {
            await counter.CallAsync(new Increment(0, round));
            expected++;
            clock.Advance(TimeSpan.FromSeconds(2));
            var collect = host.Silo.CollectIdleActivationsAsync(default);
            var calls = Enumerable.Range(0, 5).Select(i => counter.CallAsync(new Increment(1, i))).ToArray();
            await collect;
            await Task.WhenAll(calls);
            expected += calls.Length;
        }

        // Two live activations would have lost increments to write conflicts.
        Assert.Equal(expected, await counter.CallAsync(new GetCount()));
    }
}
