using Tracking.Runtime.Tests.Grains;
using Tracking.TestingHost;

namespace Tracking.Runtime.Tests;

public sealed class TurnBasedExecutionTests
{
    [Theory]
    [AllStorages]
    public async Task Thousand_concurrent_calls_to_one_grain_never_interleave_and_keep_each_callers_order(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var host = await RuntimeFixture.StartAsync(storage);
        var counter = host.GrainFactory.Get<ICounterGrain>("hot");

        // 10 callers on separate threads, each sending 100 calls without waiting for answers.
        var callers = Enumerable.Range(0, 10).Select(caller => Task.Run(async () =>
        {
            var calls = Enumerable.Range(0, 100).Select(seq => counter.CallAsync(new Increment(caller, seq))).ToArray();
            return await Task.WhenAll(calls);
        }));
        var results = (await Task.WhenAll(callers)).SelectMany(r => r).ToArray();

        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (long)i), results.Order());
        Assert.Equal(1000, await counter.CallAsync(new GetCount()));
        var observed = await counter.CallAsync(new GetObservations());
        Assert.Equal(0, observed.Overlaps);
        foreach (var caller in observed.Order.GroupBy(o => o.Caller))
        {
            Assert.Equal(Enumerable.Range(0, 100), caller.Select(o => o.Sequence));
        }
    }

    [Fact]
    public async Task Different_grains_run_in_parallel()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Sqlite);
        await using var host = await RuntimeFixture.StartAsync(storage);
        var gates = host.Services.GetService(typeof(TestGates)) as TestGates;

        // Grain a is blocked in a turn; grain b must still answer.
        var blocked = host.GrainFactory.Get<ICounterGrain>("a").CallAsync(new WaitFor("open-a"));
        Assert.Equal(1, await host.GrainFactory.Get<ICounterGrain>("b").CallAsync(new Increment(0, 0)));
        Assert.False(blocked.IsCompleted);
        gates!.Get("open-a").SetResult();
        Assert.Equal(0, await blocked);
    }

    [Fact]
    public async Task Only_calls_marked_interleaving_run_while_a_turn_is_suspended()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Sqlite);
        await using var host = await RuntimeFixture.StartAsync(storage);
        var gates = (TestGates)host.Services.GetService(typeof(TestGates))!;
        var counter = host.GrainFactory.Get<ICounterGrain>("busy");
        await counter.CallAsync(new Increment(0, 0));

        var blocked = counter.CallAsync(new WaitFor("open"));
        var query = counter.CallAsync(new GetCount());
        Assert.Equal(1, await counter.CallAsync(new PeekCount()).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(query.IsCompleted);

        gates.Get("open").SetResult();
        Assert.Equal(1, await blocked);
        Assert.Equal(1, await query);
    }
}
