using Tracking.Storage.Migrations;
using Tracking.Storage.Persistence;
using Tracking.TestingHost;

namespace Tracking.Storage.Tests;

/// <summary>
/// PostgreSQL keeps grain events as written since migration 0006 (json) and states and events as
/// text since 0009: a history stored as jsonb before 0006, and a state stored as json before 0009,
/// read the same after them, and go on being written to.
/// </summary>
public sealed class StoredAsWrittenMigrationTests
{
    private static readonly DateTimeOffset s_at = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_history_stored_as_jsonb_and_a_state_as_json_read_the_same_after_and_new_ones_as_written()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Postgres);
        await using var store = await storage.OpenStoreAsync();
        var grain = new GrainKey("thing", "k1");
        Assert.Equal([new WriteOutcome.Written(1)], await store.Grains.WriteBatchAsync([new StateWrite(grain, 0, """{"n":1,  "name":"김철수"}""", [new EventRecord("made", """{"$type":"made","name":"김철수"}""")], s_at)], default));

        // Each as it was kept before its migration: events parsed into jsonb (before 0006), states as json (0007 to 0008).
        await storage.ExecuteSqlAsync("ALTER TABLE grain_events ALTER COLUMN payload TYPE jsonb USING payload::jsonb; ALTER TABLE grain_state ALTER COLUMN state TYPE json USING state::json");
        foreach (var migration in MigrationScript.For(TestStorage.Postgres).Where(s => s.Name is "events_as_written" or "states_and_events_as_text"))
        {
            await storage.ExecuteSqlAsync(migration.Sql);
        }

        Assert.Equal(2, await storage.CountAsync("""
            SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND data_type = 'text'
              AND (table_name, column_name) IN (('grain_events', 'payload'), ('grain_state', 'state'))
            """));
        Assert.Equal("""{"n":1,  "name":"김철수"}""", Assert.Single(await store.Grains.ReadStatesAsync([grain], default))?.Json);
        Assert.Equal([new WriteOutcome.Written(2)], await store.Grains.WriteBatchAsync([new StateWrite(grain, 1, """{"n":2}""", [new EventRecord("changed", """{"$type":"changed","n":2}""")], s_at)], default));
        Assert.Equal(new StoredState(2, """{"n":2}"""), Assert.Single(await store.Grains.ReadStatesAsync([grain], default)));
        Assert.Equal(
            [("made", """{"name": "김철수", "$type": "made"}"""), ("changed", """{"$type":"changed","n":2}""")],
            (await store.Grains.ReadEventsAsync(grain, default)).Select(e => (e.Type, e.Json)));
    }
}
