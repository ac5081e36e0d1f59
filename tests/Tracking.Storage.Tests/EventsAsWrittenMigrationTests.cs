using Tracking.Storage.Migrations;
using Tracking.Storage.Persistence;
using Tracking.TestingHost;

namespace Tracking.Storage.Tests;

/// <summary>
/// PostgreSQL keeps grain events as written (json) since migration 0006; a history stored before
/// it (jsonb) reads the same after it, and goes on being appended to.
/// </summary>
public sealed class EventsAsWrittenMigrationTests
{
    private static readonly DateTimeOffset s_at = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Events_stored_as_jsonb_before_read_the_same_after_and_new_ones_as_written()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Postgres);
        await using var store = await storage.OpenStoreAsync();
        var grain = new GrainKey("thing", "k1");
        await storage.ExecuteSqlAsync("ALTER TABLE grain_events ALTER COLUMN payload TYPE jsonb USING payload::jsonb");
        Assert.Equal([new WriteOutcome.Written(1)], await store.Grains.WriteBatchAsync([new StateWrite(grain, 0, """{"n":1}""", [new EventRecord("made", """{"$type":"made","name":"김철수"}""")], s_at)], default));

        await storage.ExecuteSqlAsync(MigrationScript.For(TestStorage.Postgres).Single(s => s.Name == "events_as_written").Sql);

        Assert.Equal(1, await storage.CountAsync("SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'grain_events' AND column_name = 'payload' AND data_type = 'json'"));
        Assert.Equal([new WriteOutcome.Written(2)], await store.Grains.WriteBatchAsync([new StateWrite(grain, 1, """{"n":2}""", [new EventRecord("changed", """{"$type":"changed","n":2}""")], s_at)], default));
        Assert.Equal(
            [("made", """{"name": "김철수", "$type": "made"}"""), ("changed", """{"$type":"changed","n":2}""")],
            (await store.Grains.ReadEventsAsync(grain, default)).Select(e => (e.Type, e.Json)));
    }
}
