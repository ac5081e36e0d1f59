using Tracking.Storage.Migrations;
using Tracking.Storage.Persistence;
using Tracking.Storage.Views;
using Tracking.TestingHost;

namespace Tracking.Storage.Tests;

/// <summary>
/// Since migration 0012 PostgreSQL compares the keys of grains, their events, read-model rows and
/// reminders byte by byte, whatever locale the database was created with: rows stored before
/// read the same after it, and are written to again.
/// </summary>
public sealed class KeysComparedAsBytesMigrationTests
{
    private static readonly DateTimeOffset s_at = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly string[] s_keyColumns =
        ["grain_state.grain_type", "grain_state.grain_key", "grain_events.grain_type", "grain_events.grain_key",
         "grain_views.view", "grain_views.view_key", "grain_views.owner_type", "grain_views.owner_key",
         "reminders.service_id", "reminders.grain_id", "reminders.reminder_name"];

    [Fact]
    public async Task Keys_stored_under_the_databases_collation_read_and_write_the_same_after_and_list_in_byte_order()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Postgres);
        await (await storage.OpenStoreAsync()).DisposeAsync();
        Assert.Equal(s_keyColumns.Length, await CountKeyColumnsInAsync(storage, "C"));

        // As the keys were kept before 0012: under the database's own collation. Each store is
        // opened after its columns last changed, as a silo's is: a statement prepared before a
        // column's type changes is refused by the server.
        await storage.ExecuteSqlAsync(string.Join(';', s_keyColumns.Select(c => c.Split('.')).Select(c => $"ALTER TABLE {c[0]} ALTER COLUMN {c[1]} TYPE text COLLATE \"default\"")));
        Assert.Equal(0, await CountKeyColumnsInAsync(storage, "C"));
        string[] keys = ["b", "가나", "B", "a-1", "Z", "a"];
        await using (var before = await storage.OpenStoreAsync())
        {
            foreach (var key in keys)
            {
                var created = new StateWrite(new GrainKey("thing", key), 0, $$"""{"key":"{{key}}"}""", [new EventRecord("made", """{"$type":"made"}""")], s_at)
                {
                    Views = [new ViewRow("things", key, $$"""{"key":"{{key}}"}""")],
                };
                Assert.Equal([new WriteOutcome.Written(1)], await before.Grains.WriteBatchAsync([created], default));
            }
        }

        await storage.ExecuteSqlAsync(MigrationScript.For(TestStorage.Postgres).Single(s => s.Name == "keys_compared_as_bytes").Sql);
        await using var store = await storage.OpenStoreAsync();

        Assert.Equal(s_keyColumns.Length, await CountKeyColumnsInAsync(storage, "C"));
        Assert.Equal(keys.Order(StringComparer.Ordinal), await store.Grains.ListKeysAsync("thing", null, 10, default));
        Assert.Equal(["a-1", "b"], await store.Grains.ListKeysAsync("thing", "a", 2, default));
        var grain = new GrainKey("thing", "가나");
        Assert.Equal(new StoredState(1, """{"key":"가나"}"""), Assert.Single(await store.Grains.ReadStatesAsync([grain], default)));
        Assert.Equal("""{"key": "가나"}""", await store.Views.FindAsync("things", "가나", default));
        var changed = new StateWrite(grain, 1, """{"key":"가나","n":2}""", [new EventRecord("changed", """{"$type":"changed"}""")], s_at) { Views = [] };
        Assert.Equal([new WriteOutcome.Written(2)], await store.Grains.WriteBatchAsync([changed], default));
        Assert.Equal(["made", "changed"], (await store.Grains.ReadEventsAsync(grain, default)).Select(e => e.Type));
        Assert.Null(await store.Views.FindAsync("things", "가나", default));
        Assert.Equal(keys.Length - 1, await storage.CountAsync("SELECT 1 FROM grain_views WHERE view = 'things'"));
    }

    private static Task<long> CountKeyColumnsInAsync(TestStorage storage, string collation) =>
        storage.CountAsync($"""
            SELECT 1 FROM information_schema.columns
            WHERE table_schema = current_schema() AND collation_name = '{collation}'
              AND table_name || '.' || column_name IN ({string.Join(", ", s_keyColumns.Select(c => $"'{c}'"))})
            """);
}
