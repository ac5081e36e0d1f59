using Tracking.Storage.Migrations;
using Tracking.Storage.Persistence;
using Tracking.TestingHost;

namespace Tracking.Storage.Tests;

/// <summary>
/// PostgreSQL keeps grain states and events as written (json) since migration 0006; a store of
/// before it (jsonb) reads the same after it, the history included, and goes on being written.
/// </summary>
public sealed class JsonAsWrittenMigrationTests
{
    private static readonly DateTimeOffset s_at = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task States_and_events_stored_as_jsonb_before_read_the_same_after()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Postgres);
        await using var store = await storage.OpenStoreAsync();
        var grain = new GrainKey("thing", "k1");
        await storage.ExecuteSqlAsync("ALTER TABLE grain_state ALTER COLUMN state TYPE jsonb USING state::jsonb; ALTER TABLE grain_events ALTER COLUMN payload TYPE jsonb USING payload::jsonb");
        await storage.ExecuteSqlAsync("""
            INSERT INTO grain_state (partition, grain_type, grain_key, version, state, updated_at) VALUES (1, 'thing', 'k1', 1, '{"name": "김철수", "n": 1}'::jsonb, now());
            INSERT INTO grain_events (partition, grain_type, grain_key, version, idx, event_type, payload, recorded_at) VALUES (1, 'thing', 'k1', 1, 0, 'made', '{"$type": "made", "n": 1}'::jsonb, now());
            """);

        await storage.ExecuteSqlAsync(MigrationScript.For(TestStorage.Postgres).Single(s => s.Name == "json_as_written").Sql);

        Assert.Equal(2, await storage.CountAsync("SELECT 1 FROM information_schema.columns WHERE (table_name, column_name) IN (('grain_state', 'state'), ('grain_events', 'payload')) AND table_schema = current_schema() AND data_type = 'json'"));
        var stored = (await store.Grains.ReadStatesAsync([grain], default))[0]!;
        Assert.Equal((1L, """{"n": 1, "name": "김철수"}"""), (stored.Version, stored.Json));
        Assert.Equal([new WriteOutcome.Written(2)], await store.Grains.WriteBatchAsync([new StateWrite(grain, 1, """{"n":2,"name":"김철수"}""", [new EventRecord("changed", """{"$type":"changed","n":2}""")], s_at)], default));
        Assert.Equal("""{"n":2,"name":"김철수"}""", (await store.Grains.ReadStatesAsync([grain], default))[0]!.Json);
        Assert.Equal(
            [("made", """{"n": 1, "$type": "made"}"""), ("changed", """{"$type":"changed","n":2}""")],
            (await store.Grains.ReadEventsAsync(grain, default)).Select(e => (e.Type, e.Json)));
    }
}
