using Tracking.Runtime.Persistence;
using Tracking.Runtime.Tests.Grains;
using Tracking.TestingHost;

namespace Tracking.Runtime.Tests;

public sealed class PersistenceTests
{
    private static readonly GrainId s_counter = new("counter", "shared");

    // Two silos on one embedded file can both host a grain, so only the version check stands
    // between them. On PostgreSQL they form a cluster and only the lease holder hosts it
    // (ClusterTests); the version check there is covered by the storage tests.
    [Theory]
    [InlineData(TestStorage.Sqlite)]
    public async Task A_writer_with_a_stale_version_is_rejected_then_reloads_and_nothing_is_lost(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var first = await RuntimeFixture.StartAsync(storage);
        await using var second = await RuntimeFixture.StartAsync(storage);
        var viaFirst = first.GrainFactory.Get<ICounterGrain>(s_counter.Key);
        var viaSecond = second.GrainFactory.Get<ICounterGrain>(s_counter.Key);

        Assert.Equal(1, await viaFirst.CallAsync(new Increment(1, 0)));
        Assert.Equal(1, await viaSecond.CallAsync(new GetCount()));  // second activation reads version 1
        Assert.Equal(2, await viaFirst.CallAsync(new Increment(1, 1)));

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => viaSecond.CallAsync(new Increment(2, 0)));
        Assert.Contains("counter/shared", conflict.Message);
        Assert.Contains("Nothing was written", conflict.Message);

        // The second activation reloaded: its retry builds on the first writer's work.
        Assert.Equal(3, await viaSecond.CallAsync(new Increment(2, 0)));

        var provider = await storage.OpenProviderAsync();
        var stored = await provider.States.ReadStateAsync(s_counter, default);
        Assert.Equal(3, stored!.Version);
        Assert.Contains("\"Count\":3", stored.Json.Replace(" ", ""));
        var history = await provider.States.ReadEventsAsync(s_counter, default);
        Assert.Equal([1L, 2L, 3L], history.Select(e => e.Version));
        await provider.DisposeAsync();
    }

    [Fact]
    public async Task A_grain_that_lost_a_write_to_a_rival_rewrites_its_rows_even_when_they_equal_its_own_last_ones()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Sqlite);
        await using var first = await RuntimeFixture.StartAsync(storage);
        await using var second = await RuntimeFixture.StartAsync(storage);
        var viaFirst = first.GrainFactory.Get<ILabelGrain>("l1");
        var viaSecond = second.GrainFactory.Get<ILabelGrain>("l1");

        await viaFirst.CallAsync(new SetLabel("a"));
        await viaFirst.CallAsync(new SetLabel("a"));
        await viaSecond.CallAsync(new SetLabel("b"));
        await Assert.ThrowsAsync<InconsistentStateException>(() => viaFirst.CallAsync(new SetLabel("a")));
        await viaFirst.CallAsync(new SetLabel("a"));

        await using var provider = await storage.OpenProviderAsync();
        var page = await provider.Views.QueryAsync(new Views.ViewQuery(LabelGrain.View, Views.ViewField.Number("sort")), default);
        Assert.Equal("a", System.Text.Json.JsonDocument.Parse(Assert.Single(page.Documents)).RootElement.GetProperty("Label").GetString());
    }

    [Theory]
    [AllStorages]
    public async Task State_and_its_events_commit_together_or_not_at_all(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var host = await RuntimeFixture.StartAsync(storage);

        // Plant an event where the grain's first write will append its own: the event insert fails
        // after the state row was written in the same transaction, which must then roll back.
        var payload = kind == TestStorage.Sqlite ? "'{}'" : "'{}'::jsonb";
        var at = kind == TestStorage.Sqlite ? "0" : "now()";
        await storage.ExecuteSqlAsync($"INSERT INTO grain_events (partition, grain_type, grain_key, version, idx, event_type, payload, recorded_at) VALUES (0, 'counter', 'atomic', 1, 0, 'Planted', {payload}, {at})");

        var counter = host.GrainFactory.Get<ICounterGrain>("atomic");
        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => counter.CallAsync(new Increment(0, 0)));
        Assert.Contains("counter/atomic", error.Message);

        var provider = await storage.OpenProviderAsync();
        Assert.Null(await provider.States.ReadStateAsync(new GrainId("counter", "atomic"), default));
        Assert.Equal(["Planted"], (await provider.States.ReadEventsAsync(new GrainId("counter", "atomic"), default)).Select(e => e.Type));
        await provider.DisposeAsync();

        // The grain itself is not stuck: its in-memory state was never advanced past the store.
        Assert.Equal(0, await counter.CallAsync(new GetCount()));
    }

    [Theory]
    [AllStorages]
    public async Task State_survives_a_silo_restart(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var host = await RuntimeFixture.StartAsync(storage);
        var counter = host.GrainFactory.Get<ICounterGrain>("durable");
        for (var i = 0; i < 5; i++)
        {
            await counter.CallAsync(new Increment(0, i));
        }

        await host.RestartAsync();

        Assert.Equal(5, await host.GrainFactory.Get<ICounterGrain>("durable").CallAsync(new GetCount()));
        Assert.Equal(6, await host.GrainFactory.Get<ICounterGrain>("durable").CallAsync(new Increment(0, 5)));
    }

    [Theory]
    [AllStorages]
    public async Task History_is_append_only(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var host = await RuntimeFixture.StartAsync(storage);
        await host.GrainFactory.Get<ICounterGrain>("history").CallAsync(new Increment(0, 0));

        var update = await Record.ExceptionAsync(() => storage.ExecuteSqlAsync("UPDATE grain_events SET event_type = 'Forged'"));
        var delete = await Record.ExceptionAsync(() => storage.ExecuteSqlAsync("DELETE FROM grain_events"));

        Assert.Contains("append-only", update?.Message);
        Assert.Contains("append-only", delete?.Message);
    }
}
