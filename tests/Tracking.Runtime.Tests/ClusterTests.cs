using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Runtime.Diagnostics;
using Tracking.Runtime.Hosting;
using Tracking.Runtime.Tests.Grains;
using Tracking.TestingHost;

namespace Tracking.Runtime.Tests;

/// <summary>Several silos on one PostgreSQL: placement by leases, forwarding over HTTP/2, hand-over, fencing, failover.</summary>
public sealed class ClusterTests
{
    [Fact]
    public async Task Partitions_are_shared_out_and_any_silo_reaches_any_grain_which_activates_only_at_its_owner()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Postgres);
        await using var cluster = await StartAsync(storage, 3);

        Assert.All(cluster.Silos, s => Assert.NotEmpty(s.Silo.HeldPartitions));
        var keys = Enumerable.Range(0, 60).Select(i => $"c{i}").ToArray();
        foreach (var key in keys)
        {
            Assert.Equal(1, await cluster.Silos[0].GrainFactory.Get<ICounterGrain>(key).CallAsync(new Increment(0, 0)));
        }

        foreach (var key in keys)
        {
            var grain = cluster.Silos[2].GrainFactory.Get<ICounterGrain>(key);
            Assert.Equal(1, await grain.CallAsync(new GetCount()));
            var owner = cluster.OwnerOf(grain.Id);
            Assert.All(cluster.Silos, s => Assert.Equal(s == owner ? 1 : 0, Log(s).Activations(grain.Id)));
        }

        // A grain's exception crosses silos with its message.
        var remote = keys.Select(k => cluster.Silos[0].GrainFactory.Get<ICounterGrain>(k)).First(g => cluster.OwnerOf(g.Id) != cluster.Silos[0]);
        var error = await Assert.ThrowsAsync<Transport.RemoteGrainException>(() => remote.CallAsync(new Fail("refused on purpose")));
        Assert.Contains("refused on purpose", error.Message);
        Assert.Equal(typeof(InvalidOperationException).FullName, error.ExceptionType);
    }

    [Fact]
    public async Task A_paused_owner_that_lost_its_lease_cannot_commit_when_it_resumes()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Postgres);
        await using var cluster = await StartAsync(storage, 2);
        var (paused, other) = (cluster.Silos[0], cluster.Silos[1]);
        var grain = Enumerable.Range(0, 100).Select(i => paused.GrainFactory.Get<ICounterGrain>($"p{i}")).First(g => cluster.OwnerOf(g.Id) == paused);

        // A turn reads the count and is held open before writing; meanwhile its silo stops
        // heartbeating, its lease lapses and the other silo claims the partition.
        var call = grain.CallAsync(new IncrementAfter("gate"), TimeSpan.FromSeconds(60));
        await WaitUntilAsync(() => Log(paused).Attempts(grain.Id) == 1);
        paused.Silo.SuspendHeartbeats();
        await WaitUntilAsync(() => other.Silo.HeldPartitions.Count == TestCluster.PartitionCount, TimeSpan.FromSeconds(20));

        // The old owner's turn now writes with its old epoch: the store refuses it. The call is
        // then run again wherever the partition lives once the old owner looks again (back on the
        // old owner itself, if rendezvous gives the partition back to it when it resumes).
        Gates(paused).Get("gate").TrySetResult();
        Gates(other).Get("gate").TrySetResult();
        await Task.Delay(500);
        Assert.False(call.IsCompleted);
        paused.Silo.ResumeHeartbeats();
        Assert.Equal(1, await call);

        // Two turns ran, one committed: had the stale turn committed, the call would have ended
        // there, after one attempt.
        Assert.Equal(2, Log(paused).Attempts(grain.Id) + Log(other).Attempts(grain.Id));
        Assert.Equal(1, Log(paused).Commits(grain.Id) + Log(other).Commits(grain.Id));
        Assert.Equal(1, await other.GrainFactory.Get<ICounterGrain>(grain.Id.Key).CallAsync(new GetCount()));
        Assert.Equal(1L, await storage.CountAsync($"SELECT 1 FROM grain_events WHERE grain_key = '{grain.Id.Key}'"));
    }

    [Fact]
    public async Task Silos_joining_and_leaving_under_load_move_partitions_without_a_failed_call_or_a_lost_update()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Postgres);
        await using var cluster = await StartAsync(storage, 2);
        var load = new CounterLoad(cluster, counters: 40);
        var running = load.RunAsync(workers: 8);

        await Task.Delay(300);
        await cluster.AddSiloAsync();
        await cluster.WaitForBalanceAsync();
        await Task.Delay(300);
        await cluster.AddSiloAsync();
        await cluster.WaitForBalanceAsync();
        await Task.Delay(300);
        await cluster.StopAsync(cluster.Silos[0]);
        await cluster.WaitForBalanceAsync();
        await Task.Delay(300);
        var failures = await load.StopAsync(running);

        Assert.Empty(failures);
        await load.AssertEveryIncrementCommittedOnceAsync(storage);
    }

    [Fact]
    public async Task A_killed_silo_s_partitions_are_reclaimed_after_its_leases_lapse_and_calls_wait_for_them()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Postgres);
        await using var cluster = await StartAsync(storage, 3);
        var victim = cluster.Silos[1];
        var victimsGrains = Enumerable.Range(0, 200).Select(i => $"k{i}")
            .Select(k => cluster.Silos[0].GrainFactory.Get<ICounterGrain>(k))
            .Where(g => cluster.OwnerOf(g.Id) == victim)
            .Take(5)
            .ToArray();
        foreach (var grain in victimsGrains)
        {
            await grain.CallAsync(new Increment(0, 0));
        }

        await cluster.KillAsync(victim);

        // Calls made right after the kill wait for a survivor to claim the partition, then succeed.
        var counts = await Task.WhenAll(victimsGrains.Select(g => g.CallAsync(new Increment(0, 1))));
        Assert.All(counts, c => Assert.Equal(2, c));
        await cluster.WaitForBalanceAsync();
        Assert.DoesNotContain(victimsGrains, g => cluster.OwnerOf(g.Id) == victim);
    }

    [Fact]
    public async Task A_silo_is_ready_only_while_it_holds_a_lease_and_reaches_storage()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Postgres);

        // One partition for two silos: one of them holds it, the other holds nothing and is not ready.
        await using var first = await TestSilo.StartAsync(storage, RuntimeFixture.Types, TestJsonContext.Options, configure: OnePartition);
        await using var second = await TestSilo.StartAsync(storage, RuntimeFixture.Types, TestJsonContext.Options, configure: OnePartition);
        var owner = Placement.Rendezvous.Owner(0, [first.Silo.ClusterId!, second.Silo.ClusterId!]);
        var (holder, idle) = owner == first.Silo.ClusterId ? (first, second) : (second, first);
        await WaitUntilAsync(() => holder.Silo.HeldPartitions.Count == 1 && idle.Silo.HeldPartitions.Count == 0, TimeSpan.FromSeconds(20));
        Assert.Equal(SiloReadiness.Ready, holder.Silo.Readiness());
        Assert.Equal(new SiloReadiness(false, "holds no partition lease"), idle.Silo.Readiness());

        // A silo that stops reaching its tables (here: stops beating) is not ready once others
        // would count it gone; the other claims the lapsed lease and becomes ready. Back, the
        // rendezvous owner takes its partition back, and readiness follows the lease.
        holder.Silo.SuspendHeartbeats();
        await WaitUntilAsync(() => !holder.Silo.Readiness().IsReady, TimeSpan.FromSeconds(5));
        Assert.StartsWith("storage not reached for", holder.Silo.Readiness().Reason, StringComparison.Ordinal);
        await WaitUntilAsync(() => idle.Silo.Readiness().IsReady, TimeSpan.FromSeconds(20));
        holder.Silo.ResumeHeartbeats();
        await WaitUntilAsync(() => holder.Silo.Readiness().IsReady && idle.Silo.Readiness().Reason == "holds no partition lease", TimeSpan.FromSeconds(20));

        static void OnePartition(SiloOptions options)
        {
            TestCluster.FastMembership(options);
            options.PartitionCount = 1;
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_call_crossing_two_silos_is_one_connected_trace_that_names_no_grain_key(bool everySource)
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Postgres);
        await using var cluster = await StartAsync(storage, 2);
        using var test = new ActivitySource("Tracking.Tests.Traces");
        var recorded = new ConcurrentBag<Activity>();

        // Every span of the process (HTTP client and server too), or only the runtime's: either way one trace.
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => everySource || source.Name is RuntimeTelemetry.Name or "Tracking.Tests.Traces",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = recorded.Add,
        };
        ActivitySource.AddActivityListener(listener);

        var (caller, owner) = (cluster.Silos[0], cluster.Silos[1]);
        var grain = Enumerable.Range(0, 100).Select(i => caller.GrainFactory.Get<ICounterGrain>($"trace-key-{i}")).First(g => cluster.OwnerOf(g.Id) == owner);
        ActivityTraceId trace;
        ActivitySpanId root;
        using (var activity = test.StartActivity("test")!)
        {
            (trace, root) = (activity.TraceId, activity.SpanId);
            Assert.Equal(1, await grain.CallAsync(new Increment(0, 0)));
        }

        var spans = recorded.Where(a => a.TraceId == trace).ToDictionary(a => a.SpanId);
        var call = Assert.Single(spans.Values, a => a.DisplayName == $"call {grain.Id.Type}" && a.Kind == ActivityKind.Client);
        var answer = Assert.Single(spans.Values, a => a.DisplayName == $"answer {grain.Id.Type}");
        Assert.Equal(root, call.ParentSpanId);

        // From the owner's answer back to the caller's call, every parent is a recorded span of the one trace.
        var chain = new List<Activity> { answer };
        while (chain[^1].ParentSpanId != call.SpanId)
        {
            Assert.True(spans.TryGetValue(chain[^1].ParentSpanId, out var parent), $"the trace breaks above {chain[^1].DisplayName}");
            chain.Add(parent);
        }

        // The owner's state write is a span of the same trace, under its answer; the batch that
        // committed it serves many traces, so it is a trace of its own that links to the write.
        var write = Assert.Single(spans.Values, a => a.DisplayName == $"write {grain.Id.Type}");
        for (var above = write; above.SpanId != answer.SpanId;)
        {
            Assert.True(spans.TryGetValue(above.ParentSpanId, out above), $"the write is not under the answer: {write.ParentSpanId}");
        }

        var batch = Assert.Single(recorded, a => a.DisplayName == "write states" && a.Links.Any(l => l.Context.SpanId == write.SpanId));
        Assert.Equal(default, batch.ParentSpanId);
        Assert.All(spans.Values.Append(batch), s => Assert.DoesNotContain("trace-key", s.DisplayName + string.Join(" ", s.TagObjects.Select(t => $"{t.Key}={t.Value}")), StringComparison.Ordinal));
    }

    private static Task<TestCluster> StartAsync(TestStorage storage, int silos) =>
        TestCluster.StartAsync(storage, silos, RuntimeFixture.Types, TestJsonContext.Options, services: s => s.AddSingleton<ActivationLog>().AddSingleton<TestGates>());

    private static ActivationLog Log(TestSilo silo) => silo.Services.GetRequiredService<ActivationLog>();

    private static TestGates Gates(TestSilo silo) => silo.Services.GetRequiredService<TestGates>();

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(20);
        }
    }
}
