using Microsoft.Extensions.DependencyInjection;
using Tracking.Grains.Matching;
using Tracking.Grains.Sweeps;
using Tracking.Grains.Taxpayers;
using Tracking.TestingHost;

namespace Tracking.Grains.Tests;

/// <summary>The match shards' long computations run on threads of their own, never holding the thread pool.</summary>
public sealed class MatchWorkTests
{
    [Fact]
    public async Task Work_runs_on_its_own_threads_never_the_thread_pools()
    {
        using var work = new MatchWork(2);
        var threads = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => work.RunAsync(() => (Thread.CurrentThread.ManagedThreadId, Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name), default)));

        Assert.DoesNotContain(threads, t => t.IsThreadPoolThread);
        Assert.All(threads, t => Assert.StartsWith("match-work-", t.Name));
        Assert.InRange(threads.Select(t => t.ManagedThreadId).Distinct().Count(), 1, 2);
    }

    [Fact]
    public async Task What_the_work_throws_is_its_callers()
    {
        using var work = new MatchWork(1);

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => work.RunAsync<int>(() => throw new InvalidOperationException("the shard's computation failed"), default));

        Assert.Equal("the shard's computation failed", thrown.Message);
        Assert.Equal(42, await work.RunAsync(() => 42, default));
    }

    [Fact]
    public async Task Work_whose_caller_gave_up_before_its_turn_is_not_run()
    {
        using var work = new MatchWork(1);
        using var gate = new ManualResetEventSlim();
        var holding = work.RunAsync(gate.Wait, default);
        using var giveUp = new CancellationTokenSource();
        var ran = false;
        var waiting = work.RunAsync(() => ran = true, giveUp.Token);

        await giveUp.CancelAsync();
        gate.Set();
        await holding;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.False(ran);
    }

    [Fact]
    public async Task Disposing_waits_for_the_work_under_way_cancels_the_rest_and_refuses_more()
    {
        var work = new MatchWork(1);
        using var begun = new ManualResetEventSlim();
        using var gate = new ManualResetEventSlim();
        var underWay = work.RunAsync(
            () =>
            {
                begun.Set();
                gate.Wait();
                return 7;
            },
            default);
        var ran = false;
        var notBegun = work.RunAsync(() => ran = true, default);
        begun.Wait();

        // Disposing waits for the work under way; once it refuses more, what had not begun is cancelled.
        var disposing = Task.Run(work.Dispose);
        var askedWhileDisposing = new List<Task<int>>();
        while (Refused(() => askedWhileDisposing.Add(work.RunAsync(() => 8, default))) is null)
        {
            await Task.Yield();
        }

        gate.Set();
        await disposing;

        Assert.Equal(7, await underWay);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => notBegun);
        Assert.All(askedWhileDisposing, asked => Assert.True(asked.IsCanceled));
        Assert.False(ran);
        Assert.NotNull(Refused(() => work.RunAsync(() => 8, default)));

        static InvalidOperationException? Refused(Action ask)
        {
            try
            {
                ask();
                return null;
            }
            catch (InvalidOperationException refused)
            {
                return refused;
            }
        }
    }

    [Theory]
    [AllStorages]
    public async Task A_sweeps_shards_compute_on_the_match_work_threads_while_the_silo_answers_other_calls(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var host = await TestCluster.StartAsync(storage);
        await SweepTests.ImportSamplesAsync(host, bulk: true);
        var sweep = host.GrainFactory.GetGrain<ISweepGrain>(ISweepGrain.Main);
        var expected = await sweep.RunAsync("officer-1", full: true);

        // Every match-work thread held: the shards' computations wait behind it.
        var work = host.Services().GetRequiredService<MatchWork>();
        using var gate = new ManualResetEventSlim();
        var held = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => work.RunAsync(gate.Wait, default)).ToArray();
        Task<SweepSummary> run;
        try
        {
            run = sweep.RunAsync("officer-1", full: true);
            for (var i = 0; i < 600 && work.Waiting < MatchIndex.ShardCount; i++)
            {
                await Task.Delay(100);
            }

            Assert.True(work.Waiting >= MatchIndex.ShardCount, $"{work.Waiting} computations wait for the match work, not every shard's sample: the shards computed elsewhere");

            // The silo meanwhile answers calls that need its thread pool: taxpayers read afresh, the sweep's progress.
            foreach (var taxpayer in SampleTruth.Load().Pairs.Select(p => p.Item1).Distinct())
            {
                await host.GrainFactory.GetGrain<ITaxpayerGrain>(taxpayer).GetAsync();
            }

            Assert.True((await sweep.GetStatusAsync()).Running);
            Assert.False(run.IsCompleted);
        }
        finally
        {
            // Released whatever was found: a silo cannot stop while its match work is held.
            gate.Set();
        }

        await Task.WhenAll(held);
        var again = await run;
        Assert.Equal((expected.CandidatesFound, 0, 0), (again.CandidatesFound, again.NewAuto, again.NewReview));
    }
}
