using Tracking.Runtime.Persistence;
using Tracking.Runtime.Reminders;
using Tracking.TestingHost;

namespace Tracking.Runtime.Tests;

/// <summary>The contract every storage provider keeps, run against each of them.</summary>
public sealed class StorageProviderTests
{
    private static readonly DateTimeOffset s_at = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly GrainId s_grain = new("thing", "k1");

    [Theory]
    [AllStorages]
    public async Task Writes_are_versioned_and_read_back_with_their_events_in_order(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var provider = await storage.OpenProviderAsync();
        var states = provider.States;

        Assert.Null(await states.ReadStateAsync(s_grain, default));
        Assert.Equal([new WriteOutcome.Written(1)], await states.WriteBatchAsync([Write(s_grain, 0, 1, "a", "b")], default));
        Assert.Equal([new WriteOutcome.Written(2)], await states.WriteBatchAsync([Write(s_grain, 1, 2, "c")], default));

        var stored = await states.ReadStateAsync(s_grain, default);
        Assert.Equal(2, stored!.Version);
        Assert.Equal("{\"n\":2}", stored.Json.Replace(" ", ""));
        var events = await states.ReadEventsAsync(s_grain, default);
        Assert.Equal([(1L, 0, "a"), (1L, 1, "b"), (2L, 0, "c")], events.Select(e => (e.Version, e.Index, e.Type)));
        Assert.All(events, e => Assert.Equal(s_at, e.RecordedAt));
    }

    [Theory]
    [AllStorages]
    public async Task A_stale_or_duplicate_write_is_a_conflict_and_does_not_disturb_the_rest_of_its_batch(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var provider = await storage.OpenProviderAsync();
        var states = provider.States;
        var other = new GrainId("thing", "k2");
        await states.WriteBatchAsync([Write(s_grain, 0, 1, "first")], default);

        var outcomes = await states.WriteBatchAsync(
            [
                Write(s_grain, 0, 9, "duplicate-create"),
                Write(s_grain, 5, 9, "stale"),
                Write(other, 0, 1, "fine"),
            ],
            default);

        Assert.IsType<WriteOutcome.Conflict>(outcomes[0]);
        Assert.IsType<WriteOutcome.Conflict>(outcomes[1]);
        Assert.Equal(new WriteOutcome.Written(1), outcomes[2]);
        Assert.Equal(["first"], (await states.ReadEventsAsync(s_grain, default)).Select(e => e.Type));
        Assert.Equal(1, (await states.ReadStateAsync(other, default))!.Version);
    }

    [Theory]
    [AllStorages]
    public async Task Many_states_are_read_at_once_in_the_order_asked_with_nothing_for_unwritten_grains(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var provider = await storage.OpenProviderAsync();
        var other = new GrainId("thing", "k2");
        await provider.States.WriteBatchAsync([Write(s_grain, 0, 1, "a"), Write(other, 0, 1, "b")], default);
        await provider.States.WriteBatchAsync([Write(other, 1, 2, "c")], default);

        var states = await provider.States.ReadStatesAsync([other, new GrainId("thing", "never"), s_grain, new GrainId("other-type", "k1")], default);

        Assert.Equal([2L, null, 1L, null], states.Select(s => s?.Version));
        Assert.Equal("{\"n\":2}", states[0]!.Json.Replace(" ", ""));
    }

    [Theory]
    [AllStorages]
    public async Task Reminders_changed_with_a_write_commit_with_it_and_not_with_a_conflict(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var provider = await storage.OpenProviderAsync();
        var states = provider.States;
        var other = new GrainId("thing", "k2");
        var due = s_at.AddHours(1);
        await provider.Reminders.UpsertAsync(new ReminderEntry(s_grain, 0, "old", due, null), null, default);

        var outcomes = await states.WriteBatchAsync(
            [
                Write(s_grain, 0, 1, "e") with { Reminders = [new ReminderChange(s_grain, 0, "next", due), new ReminderChange(s_grain, 0, "old", null), new ReminderChange(other, 0, "nudge", s_at)] },
                Write(other, 7, 8, "stale") with { Reminders = [new ReminderChange(other, 0, "lost", due)] },
            ],
            default);

        Assert.Equal(new WriteOutcome.Written(1), outcomes[0]);
        Assert.IsType<WriteOutcome.Conflict>(outcomes[1]);
        Assert.Equal(["next"], (await provider.Reminders.ReadForGrainAsync(s_grain, default)).Select(r => r.Name));
        Assert.Equal([("nudge", s_at)], (await provider.Reminders.ReadForGrainAsync(other, default)).Select(r => (r.Name, r.DueAt)));
        Assert.Equal(due, (await provider.Reminders.ReadForGrainAsync(s_grain, default)).Single().DueAt);
    }

    [Theory]
    [AllStorages]
    public async Task A_write_the_store_refuses_fails_alone(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var provider = await storage.OpenProviderAsync();
        var other = new GrainId("thing", "k2");

        await provider.States.WriteBatchAsync([Write(other, 0, 1, "ok-1")], default);

        // A history row already where this write's event goes: the store refuses the write.
        await storage.ExecuteSqlAsync(kind == TestStorage.Sqlite
            ? "INSERT INTO grain_events VALUES (0, 'thing', 'k3', 1, 0, 'planted', '{}', 0)"
            : "INSERT INTO grain_events VALUES (0, 'thing', 'k3', 1, 0, 'planted', '{}', now())");
        var outcomes = await provider.States.WriteBatchAsync([Write(new GrainId("thing", "k3"), 0, 1, "clash"), Write(other, 1, 2, "ok-2")], default);
        Assert.IsType<WriteOutcome.Failed>(outcomes[0]);
        Assert.Equal(new WriteOutcome.Written(2), outcomes[1]);
        Assert.Null(await provider.States.ReadStateAsync(new GrainId("thing", "k3"), default));
    }

    [Theory]
    [AllStorages]
    public async Task Racing_creators_of_one_grain_produce_exactly_one_winner(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var provider = await storage.OpenProviderAsync();
        var racers = Enumerable.Range(0, 8).Select(i => Task.Run(() => provider.States.WriteBatchAsync([Write(s_grain, 0, i, $"racer-{i}")], default)));

        var outcomes = (await Task.WhenAll(racers)).Select(o => o[0]).ToArray();

        Assert.Single(outcomes, o => o is WriteOutcome.Written);
        Assert.Equal(7, outcomes.Count(o => o is WriteOutcome.Conflict));
        Assert.Single(await provider.States.ReadEventsAsync(s_grain, default));
    }

    [Theory]
    [AllStorages]
    public async Task Reminders_are_upserted_read_when_due_and_completed_only_if_unchanged(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var provider = await storage.OpenProviderAsync();
        var table = provider.Reminders;
        var daily = new ReminderEntry(s_grain, 3, "daily", s_at.AddHours(1), TimeSpan.FromDays(1));
        var once = new ReminderEntry(s_grain, 3, "once", s_at.AddHours(2), null);
        await table.UpsertAsync(daily, null, default);
        await table.UpsertAsync(once, null, default);

        Assert.Empty(await table.ReadDueAsync(s_at, 10, null, default));
        Assert.Equal([daily], await table.ReadDueAsync(s_at.AddHours(1), 10, null, default));
        Assert.Equal([daily, once], await table.ReadDueAsync(s_at.AddHours(3), 10, null, default));
        Assert.Equal([daily], await table.ReadDueAsync(s_at.AddHours(3), 1, null, default));

        await table.CompleteAsync(daily, s_at.AddDays(1).AddHours(1), null, default);
        Assert.Equal(s_at.AddDays(1).AddHours(1), (await table.ReadForGrainAsync(s_grain, default)).Single(r => r.Name == "daily").DueAt);

        // Re-registered while it was being delivered: completing the old firing must not delete the new one.
        var moved = once with { DueAt = s_at.AddDays(7) };
        await table.UpsertAsync(moved, null, default);
        await table.CompleteAsync(once, null, null, default);
        Assert.Contains(moved, await table.ReadForGrainAsync(s_grain, default));

        await table.CompleteAsync(moved, null, null, default);
        await table.DeleteAsync(s_grain, 0, "daily", null, default);
        Assert.Empty(await table.ReadForGrainAsync(s_grain, default));
    }

    [Theory]
    [AllStorages]
    public async Task Migrations_apply_once_however_often_a_silo_starts(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using (var first = await storage.OpenProviderAsync())
        {
            await first.States.WriteBatchAsync([Write(s_grain, 0, 1, "kept")], default);
        }

        await using var second = await storage.OpenProviderAsync();
        Assert.Equal(1, (await second.States.ReadStateAsync(s_grain, default))!.Version);
    }

    private static StateWrite Write(GrainId grain, long expected, int n, params string[] events) =>
        new(grain, 0, expected, $"{{\"n\":{n}}}", events.Select(e => new EventRecord(e, "{}")).ToArray(), s_at);
}
