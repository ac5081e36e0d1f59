using Npgsql;
using Tracking.Storage.Persistence;
using Tracking.TestingHost;

namespace Tracking.Storage.Tests;

/// <summary>The contract both engines keep for grain state and history, run against each.</summary>
public sealed class GrainStoreTests
{
    private static readonly DateTimeOffset s_at = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly GrainKey s_grain = new("thing", "k1");

    [Theory]
    [AllStorages]
    public async Task Writes_are_versioned_and_read_back_with_their_events_in_order(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var store = await storage.OpenStoreAsync();
        var grains = store.Grains;

        Assert.Equal([null], await grains.ReadStatesAsync([s_grain], default));
        Assert.Equal([new WriteOutcome.Written(1)], await grains.WriteBatchAsync([Write(s_grain, 0, 1, "a", "b")], default));
        Assert.Equal([new WriteOutcome.Written(2)], await grains.WriteBatchAsync([Write(s_grain, 1, 2, "c")], default));

        var stored = (await grains.ReadStatesAsync([s_grain], default))[0];
        Assert.Equal(2, stored!.Version);
        Assert.Equal("{\"n\":2}", stored.Json!.Replace(" ", ""));
        var events = await grains.ReadEventsAsync(s_grain, default);
        Assert.Equal([(1L, 0, "a"), (1L, 1, "b"), (2L, 0, "c")], events.Select(e => (e.Version, e.Index, e.Type)));
        Assert.All(events, e => Assert.Equal(s_at, e.RecordedAt));
    }

    [Theory]
    [AllStorages]
    public async Task A_stale_or_duplicate_write_is_a_conflict_and_does_not_disturb_the_rest_of_its_batch(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var store = await storage.OpenStoreAsync();
        var grains = store.Grains;
        var other = new GrainKey("thing", "k2");
        await grains.WriteBatchAsync([Write(s_grain, 0, 1, "first")], default);

        var outcomes = await grains.WriteBatchAsync(
            [
                Write(s_grain, 0, 9, "duplicate-create"),
                Write(s_grain, 5, 9, "stale"),
                Write(other, 0, 1, "fine"),
            ],
            default);

        Assert.IsType<WriteOutcome.Conflict>(outcomes[0]);
        Assert.IsType<WriteOutcome.Conflict>(outcomes[1]);
        Assert.Equal(new WriteOutcome.Written(1), outcomes[2]);
        Assert.Equal(["first"], (await grains.ReadEventsAsync(s_grain, default)).Select(e => e.Type));
        Assert.Equal(1, (await grains.ReadStatesAsync([other], default))[0]!.Version);
    }

    [Theory]
    [AllStorages]
    public async Task Many_states_are_read_at_once_in_the_order_asked_with_nothing_for_unwritten_grains(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var store = await storage.OpenStoreAsync();
        var other = new GrainKey("thing", "k2");
        await store.Grains.WriteBatchAsync([Write(s_grain, 0, 1, "a"), Write(other, 0, 1, "b")], default);
        await store.Grains.WriteBatchAsync([Write(other, 1, 2, "c")], default);

        var states = await store.Grains.ReadStatesAsync([other, new GrainKey("thing", "never"), s_grain, new GrainKey("other-type", "k1")], default);

        Assert.Equal([2L, null, 1L, null], states.Select(s => s?.Version));
        Assert.Equal("{\"n\":2}", states[0]!.Json!.Replace(" ", ""));
    }

    [Theory]
    [AllStorages]
    public async Task A_write_the_store_refuses_fails_alone_and_its_state_is_not_committed_without_its_events(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var store = await storage.OpenStoreAsync();
        var other = new GrainKey("thing", "k2");
        await store.Grains.WriteBatchAsync([Write(other, 0, 1, "ok-1")], default);

        // A history row already where this write's event goes: the store refuses the event after
        // the state row was written in the same transaction, which must then roll back.
        await storage.ExecuteSqlAsync(kind == TestStorage.Sqlite
            ? "INSERT INTO grain_events VALUES (0, 'thing', 'k3', 1, 0, 'planted', '{}', 0)"
            : "INSERT INTO grain_events VALUES (0, 'thing', 'k3', 1, 0, 'planted', '{}', now())");
        var outcomes = await store.Grains.WriteBatchAsync([Write(new GrainKey("thing", "k3"), 0, 1, "clash"), Write(other, 1, 2, "ok-2")], default);

        Assert.IsType<WriteOutcome.Failed>(outcomes[0]);
        Assert.Equal(new WriteOutcome.Written(2), outcomes[1]);
        Assert.Equal([null], await store.Grains.ReadStatesAsync([new GrainKey("thing", "k3")], default));
        Assert.Equal(["planted"], (await store.Grains.ReadEventsAsync(new GrainKey("thing", "k3"), default)).Select(e => e.Type));
    }

    [Fact]
    public async Task A_new_embedded_store_keeps_a_state_of_a_few_kilobytes_on_its_row_s_page()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Sqlite);
        await using var store = await storage.OpenStoreAsync();
        var before = await storage.ScalarAsync("PRAGMA page_count");

        await store.Grains.WriteBatchAsync([Write(s_grain, 0, 1) with { StateJson = $"{{\"text\":\"{new string('x', 3_000)}\"}}" }], default);

        // Past what a page's cell may hold, SQLite chains the rest onto an overflow page, one more
        // page read and written whole with each state: a taxpayer with candidates is 1-3 KB.
        Assert.Equal(before, await storage.ScalarAsync("PRAGMA page_count"));
        Assert.Equal(16_384L, await storage.ScalarAsync("PRAGMA page_size"));
    }

    [Theory]
    [AllStorages]
    public async Task Racing_creators_of_one_grain_produce_exactly_one_winner(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var store = await storage.OpenStoreAsync();
        var racers = Enumerable.Range(0, 8).Select(i => Task.Run(() => store.Grains.WriteBatchAsync([Write(s_grain, 0, i, $"racer-{i}")], default)));

        var outcomes = (await Task.WhenAll(racers)).Select(o => o[0]).ToArray();

        Assert.Single(outcomes, o => o is WriteOutcome.Written);
        Assert.Equal(7, outcomes.Count(o => o is WriteOutcome.Conflict));
        Assert.Single(await store.Grains.ReadEventsAsync(s_grain, default));
    }

    [Theory]
    [AllStorages]
    public async Task History_is_append_only_in_the_database_itself(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var store = await storage.OpenStoreAsync();
        await store.Grains.WriteBatchAsync([Write(s_grain, 0, 1, "kept")], default);

        var update = await Record.ExceptionAsync(() => storage.ExecuteSqlAsync("UPDATE grain_events SET event_type = 'forged'"));
        var delete = await Record.ExceptionAsync(() => storage.ExecuteSqlAsync("DELETE FROM grain_events"));

        Assert.Contains("append-only", update?.Message);
        Assert.Contains("append-only", delete?.Message);
        Assert.Equal(["kept"], (await store.Grains.ReadEventsAsync(s_grain, default)).Select(e => e.Type));
    }

    [Theory]
    [AllStorages]
    public async Task Group_commit_answers_each_writer_with_its_own_outcome(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var store = await storage.OpenStoreAsync();
        await using var states = new GrainStateStore(store, new StorageOptions { MaxWriteBatchSize = 16 }, "test", Microsoft.Extensions.Logging.Abstractions.NullLogger<GrainStateStore>.Instance);
        await states.WriteAsync(Write(s_grain, 0, 1, "first"), default);

        // 100 writers at once, one of them stale: the batches they share commit the rest.
        var writers = Enumerable.Range(0, 100).Select(i => i == 42
            ? states.WriteAsync(Write(s_grain, 0, 2, "stale"), default)
            : states.WriteAsync(Write(new GrainKey("thing", $"g{i}"), 0, i, "e"), default)).ToArray();

        var failure = await Record.ExceptionAsync(() => writers[42]);
        Assert.IsType<WriteConflictException>(failure);
        Assert.Equal(99, (await Task.WhenAll(writers.Where((_, i) => i != 42))).Count(v => v == 1));
        Assert.Equal(100, (await states.ListKeysAsync("thing", null, 1_000, default)).Count);
    }

    [Theory]
    [AllStorages]
    public async Task Migrations_apply_once_however_often_a_store_is_opened(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using (var first = await storage.OpenStoreAsync())
        {
            await first.Grains.WriteBatchAsync([Write(s_grain, 0, 1, "kept")], default);
        }

        await using var second = await storage.OpenStoreAsync();
        Assert.Equal(1, (await second.Grains.ReadStatesAsync([s_grain], default))[0]!.Version);
        Assert.Equal(Migrations.MigrationScript.For(kind).Count, await storage.CountAsync("SELECT * FROM schema_migrations"));
    }

    [Theory]
    [AllStorages]
    public async Task A_store_made_by_another_version_is_refused_with_a_clear_reason_and_left_alone(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using (var store = await storage.OpenStoreAsync())
        {
            await store.Grains.WriteBatchAsync([Write(s_grain, 0, 1, "kept")], default);
        }

        await storage.ExecuteSqlAsync("UPDATE schema_migrations SET name = 'cluster' WHERE version = 2");

        await using var again = storage.CreateStore();
        var refusal = await Assert.ThrowsAsync<StorageUnavailableException>(() => again.InitializeAsync(default));
        Assert.Contains("0002_cluster", refusal.Message);
        Assert.Contains("another version of Tracking", refusal.Message);
        Assert.Equal(1, await storage.CountAsync("SELECT * FROM grain_state"));
    }

    [Theory]
    [AllStorages]
    public async Task Every_record_of_a_type_is_read_with_its_matched_fields_not_its_state_a_page_at_a_time(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var store = await storage.OpenStoreAsync();
        var grains = store.Grains;
        var writes = Enumerable.Range(0, 25)
            .Select(i => Write(new GrainKey("person", $"p{i:00}"), 0, i) with { Indexed = i % 5 == 0 ? null : $"김{i}\u001f\\0" })
            .Append(Write(new GrainKey("other", "p99"), 0, 1) with { Indexed = "other" })
            .ToList();
        await grains.WriteBatchAsync(writes, default);

        var pages = new List<IReadOnlyList<IndexedRecord>>();
        var read = await grains.ReadAllAsync("person", indexedSince: null, pageSize: 10, page => { pages.Add(page); return Task.CompletedTask; }, default);

        Assert.Equal(25, read);
        Assert.Equal([10, 10, 5], pages.Select(p => p.Count));
        var byKey = pages.SelectMany(p => p).ToDictionary(f => f.Key, f => f.Indexed);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"p{i:00}"), byKey.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("김7\u001f\\0", byKey["p07"]);
        Assert.Null(byKey["p10"]);
    }

    [Theory]
    [AllStorages]
    public async Task Only_records_whose_matched_fields_changed_since_a_time_are_read_as_changed(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var store = await storage.OpenStoreAsync();
        var grains = store.Grains;
        StateWrite Tagged(string key, long expected, string? fields) => Write(new GrainKey("person", key), expected, (int)expected) with { Indexed = fields };
        await grains.WriteBatchAsync([Tagged("same", 0, "a"), Tagged("retagged", 0, "a"), Tagged("untagged", 0, null), Tagged("tag-dropped", 0, "a")], default);

        // Stamps are the store's clock to the millisecond: a later write is stamped later.
        await Task.Delay(20);
        var since = await grains.ReadClockAsync(default);
        await Task.Delay(20);
        await grains.WriteBatchAsync([Tagged("same", 1, "a"), Tagged("retagged", 1, "b"), Tagged("untagged", 1, null), Tagged("tag-dropped", 1, null), Tagged("new", 0, "c")], default);

        async Task<string[]> ChangedAsync(DateTimeOffset? from)
        {
            var keys = new List<string>();
            await grains.ReadAllAsync("person", from, 100, page => { keys.AddRange(page.Select(f => f.Key)); return Task.CompletedTask; }, default);
            return [.. keys.Order(StringComparer.Ordinal)];
        }

        Assert.Equal(["new", "retagged", "tag-dropped"], await ChangedAsync(since));
        Assert.Equal(["new", "retagged", "same", "tag-dropped", "untagged"], await ChangedAsync(null));
        Assert.Empty(await ChangedAsync(await grains.ReadClockAsync(default) + TimeSpan.FromMinutes(1)));
    }

    [Theory]
    [AllStorages]
    public async Task A_bulk_import_s_creations_are_written_whole_with_their_events_matched_fields_and_the_store_s_stamp(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var store = await storage.OpenStoreAsync();
        var grains = store.Grains;
        var writes = Enumerable.Range(0, 200)
            .Select(i => new StateWrite(new GrainKey("person", $"p{i:000}"), 0, $"{{\"n\":{i},\"name\":\"김{i}\"}}", [.. Enumerable.Range(0, i % 3).Select(e => new EventRecord($"e{e}", $"{{\"i\":{i}}}"))], s_at) { Indexed = i % 4 == 0 ? null : $"김{i}\u001f{i}" })
            .ToList();
        var before = await grains.ReadClockAsync(default);

        Assert.Equal(Enumerable.Repeat<WriteOutcome>(new WriteOutcome.Written(1), 200), await grains.WriteBatchAsync(writes, default));

        var states = await grains.ReadStatesAsync([.. writes.Select(w => w.Grain)], default);
        Assert.Equal(writes.Select(w => (1L, w.StateJson)), states.Select(s => (s!.Version, s.Json)));
        var history = await grains.ReadEventsAsync(new GrainKey("person", "p005"), default);
        Assert.Equal([(1L, 0, "e0", "{\"i\":5}"), (1L, 1, "e1", "{\"i\":5}")], history.Select(e => (e.Version, e.Index, e.Type, e.Json)));
        Assert.All(history, e => Assert.Equal(s_at, e.RecordedAt));
        Assert.Empty(await grains.ReadEventsAsync(new GrainKey("person", "p003"), default));

        // Each is read as changed since a clock read before the batch, and none since one read after it.
        var changed = new Dictionary<string, string?>();
        await grains.ReadAllAsync("person", before, 1_000, page => { foreach (var r in page) changed.Add(r.Key, r.Indexed); return Task.CompletedTask; }, default);
        Assert.Equal(writes.ToDictionary(w => w.Grain.Key, w => w.Indexed), changed);
        var after = await grains.ReadClockAsync(default);
        Assert.Equal(0, await grains.ReadAllAsync("person", after + TimeSpan.FromMilliseconds(1), 1_000, _ => Task.CompletedTask, default));
        Assert.Equal([new WriteOutcome.Written(2)], await grains.WriteBatchAsync([Write(new GrainKey("person", "p007"), 1, 2, "later")], default));
    }

    [Theory]
    [AllStorages]
    public async Task A_record_hash_is_kept_with_its_version_read_without_the_state_and_cleared_by_the_next_write_that_does_not_keep_it(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var store = await storage.OpenStoreAsync();
        var grains = store.Grains;
        GrainKey Key(int i) => new("person", $"h{i:00}");

        // Forty creations (PostgreSQL copies them in), one without a hash; then one alone (its batch statement).
        await grains.WriteBatchAsync([.. Enumerable.Range(0, 40).Select(i => Write(Key(i), 0, i, "made") with { RecordHash = i == 3 ? null : long.MinValue + i })], default);
        await grains.WriteBatchAsync([Write(Key(40), 0, 40, "made") with { RecordHash = long.MaxValue }], default);

        Assert.Equal(
            [new(true, long.MinValue), new(true, null), new(false, null), new(true, long.MinValue + 39), new(true, long.MaxValue)],
            await grains.ReadRecordHashesAsync([Key(0), Key(3), new GrainKey("person", "never"), Key(39), Key(40)], default));

        // A record taken in again stores its own; a write that keeps the hash keeps it, any other clears it; a stale write changes nothing.
        await grains.WriteBatchAsync(
            [
                Write(Key(0), 1, 1, "reported") with { RecordHash = 42 },
                Write(Key(1), 1, 1, "paid"),
                Write(Key(2), 7, 1, "stale") with { RecordHash = 42 },
                Write(Key(4), 1, 1, "candidate") with { KeepsRecordHash = true },
            ],
            default);
        Assert.Equal(
            [new(true, 42), new(true, null), new(true, long.MinValue + 2), new(true, long.MinValue + 4)],
            await grains.ReadRecordHashesAsync([Key(0), Key(1), Key(2), Key(4)], default));
        Assert.Equal(2, (await grains.ReadStatesAsync([Key(0)], default))[0]!.Version);

        // A hash checked against a grain's state is stored only while that version is the grain's, changing neither version nor history.
        await grains.WriteRecordHashesAsync([new(Key(1), 2, 77), new(Key(3), 5, 88), new(new GrainKey("person", "never"), 1, 99)], default);
        Assert.Equal(
            [new(true, 77), new(true, null), new(false, null)],
            await grains.ReadRecordHashesAsync([Key(1), Key(3), new GrainKey("person", "never")], default));
        Assert.Equal(2, (await grains.ReadStatesAsync([Key(1)], default))[0]!.Version);
        Assert.Equal(2, (await grains.ReadEventsAsync(Key(1), default)).Count);
    }

    [Theory]
    [AllStorages]
    public async Task A_grain_written_without_its_state_is_kept_by_PostgreSQL_as_all_its_events_until_a_state_is_written_and_by_SQLite_with_the_state_made(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var store = await storage.OpenStoreAsync();
        var grains = store.Grains;
        var postgres = kind == TestStorage.Postgres;
        static string Event(string key, long version, int e) => $"{{\"e\":{e},\"v\":{version},\"key\":\"{key}\"}}";
        StateWrite WithoutState(string key, long expected, int events) =>
            new(new GrainKey("person", key), expected, StateJson: null, [.. Enumerable.Range(0, events).Select(e => new EventRecord($"e{e}", Event(key, expected + 1, e)))], s_at)
            {
                StateToKeep = () => $"{{\"made\":\"{key}\",\"v\":{expected + 1}}}",
            };

        // PostgreSQL reads back every event of every version written without a state; SQLite the state made.
        (long, string?, string[]?) Kept(string key, params int[] eventsOfEachVersion) => postgres
            ? (eventsOfEachVersion.Length, null, [.. eventsOfEachVersion.SelectMany((count, v) => Enumerable.Range(0, count).Select(e => Event(key, v + 1, e)))])
            : (eventsOfEachVersion.Length, $"{{\"made\":\"{key}\",\"v\":{eventsOfEachVersion.Length}}}", null);
        async Task<(long, string?, string[]?)[]> ReadAsync(params string[] keys) =>
            [.. (await grains.ReadStatesAsync([.. keys.Select(k => new GrainKey("person", k))], default)).Select(s => s is null ? default : (s.Version, s.Json?.Replace(" ", ""), s.Events?.ToArray()))];

        // Copied in (PostgreSQL copies a batch of 32 or more) and written by the batch statement, beside a creation with its state.
        var copied = Enumerable.Range(0, 40).Select(i => WithoutState($"c{i:00}", 0, 1 + (i % 3))).ToArray();
        Assert.All(await grains.WriteBatchAsync(copied, default), o => Assert.Equal(new WriteOutcome.Written(1), o));
        Assert.All(await grains.WriteBatchAsync([WithoutState("s1", 0, 2), Write(new GrainKey("person", "whole"), 0, 7, "made")], default), o => Assert.Equal(new WriteOutcome.Written(1), o));
        Assert.Equal([Kept("c05", 3), (1L, "{\"n\":7}", null), Kept("s1", 2), default, Kept("c00", 1)], await ReadAsync("c05", "whole", "s1", "never", "c00"));
        Assert.Equal(postgres ? 41L : 0L, await storage.CountAsync("SELECT 1 FROM grain_state WHERE state IS NULL"));

        // A change beside the grain, without its state too: PostgreSQL appends its events to those read back.
        Assert.Equal([new WriteOutcome.Written(2), new WriteOutcome.Written(2)], await grains.WriteBatchAsync([WithoutState("s1", 1, 1), WithoutState("c03", 1, 2)], default));
        Assert.Equal([Kept("s1", 2, 1), Kept("c03", 1, 2)], await ReadAsync("s1", "c03"));
        Assert.Equal([new WriteOutcome.Written(3)], await grains.WriteBatchAsync([WithoutState("c03", 2, 1)], default));
        Assert.Equal([Kept("c03", 1, 2, 1)], await ReadAsync("c03"));
        if (postgres)
        {
            // Only the events up to the version read are the state's: those of a write committed between the store's two reads are not.
            await storage.ExecuteSqlAsync($"INSERT INTO grain_events (partition, grain_type, grain_key, version, idx, event_type, payload, recorded_at) VALUES (0, 'person', 'c03', 4, 0, 'later', '{Event("c03", 4, 0)}', now())");
            Assert.Equal([Kept("c03", 1, 2, 1)], await ReadAsync("c03"));
        }

        // The grain's next write keeps a state, read as such from then on; its history is whole.
        Assert.Equal([new WriteOutcome.Written(3)], await grains.WriteBatchAsync([Write(new GrainKey("person", "s1"), 2, 3, "changed")], default));
        Assert.Equal([(3L, "{\"n\":3}", null)], await ReadAsync("s1"));
        Assert.Equal(["e0", "e1", "e0", "changed"], (await grains.ReadEventsAsync(new GrainKey("person", "s1"), default)).Select(e => e.Type));

        // A change without its state to a grain stored with one: PostgreSQL refuses it as a conflict
        // (whoever read the grain so, it was written since), and SQLite keeps the state it is given.
        Assert.Equal([postgres ? WriteOutcome.ConflictOutcome : new WriteOutcome.Written(4)], await grains.WriteBatchAsync([WithoutState("s1", 3, 1)], default));
        Assert.Equal([postgres ? (3L, "{\"n\":3}", null) : (4L, "{\"made\":\"s1\",\"v\":4}", null)], await ReadAsync("s1"));

        // Without a state and with no way to make it, SQLite refuses the write, alone in its batch; PostgreSQL keeps the events of a grain stored without its state.
        var outcomes = await grains.WriteBatchAsync([new StateWrite(new GrainKey("person", "c01"), 1, StateJson: null, [new EventRecord("bare", Event("c01", 2, 0))], s_at), Write(new GrainKey("person", "c02"), 1, 9, "kept")], default);
        Assert.Equal(new WriteOutcome.Written(2), outcomes[1]);
        if (postgres)
        {
            Assert.Equal(new WriteOutcome.Written(2), outcomes[0]);
            Assert.Equal([Kept("c01", 2, 1)], await ReadAsync("c01"));
        }
        else
        {
            Assert.IsType<WriteOutcome.Failed>(outcomes[0]);
            Assert.Equal(2, (await grains.ReadEventsAsync(new GrainKey("person", "c01"), default)).Count);
            Assert.Equal([Kept("c01", 2)], await ReadAsync("c01"));
        }
    }

    [Fact]
    public async Task A_bulk_import_s_creations_are_copied_into_PostgreSQL_under_one_reading_of_its_clock_and_a_refused_copy_leaves_nothing()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Postgres);
        await using var store = await storage.OpenStoreAsync();
        StateWrite[] Batch(string prefix) => [.. Enumerable.Range(0, 100).Select(i => Write(new GrainKey("person", $"{prefix}{i:000}"), 0, i, "imported") with { Indexed = "x" })];

        await store.Grains.WriteBatchAsync(Batch("a"), default);

        // The batch statement stamps each row as it writes it; the copy stamps them all with the clock read once.
        Assert.Equal(1L, await storage.CountAsync("SELECT DISTINCT indexed_at FROM grain_state WHERE grain_key LIKE 'a%'"));

        // One grain already stored: the copy is refused and rolled back, and the batch statement writes the rest.
        await store.Grains.WriteBatchAsync([Write(new GrainKey("person", "b050"), 0, 1, "first")], default);
        var outcomes = await store.Grains.WriteBatchAsync(Batch("b"), default);
        Assert.Equal(99, outcomes.Count(o => o is WriteOutcome.Written));
        Assert.Equal(100L, await storage.CountAsync("SELECT 1 FROM grain_events WHERE grain_key LIKE 'b%'"));
        Assert.True(await storage.CountAsync("SELECT DISTINCT indexed_at FROM grain_state WHERE grain_key LIKE 'b%'") > 1);
    }

    [Fact]
    public async Task Creations_copied_into_PostgreSQL_are_stored_as_the_batch_statement_stores_them_and_a_copy_that_fails_midway_leaves_nothing()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Postgres);
        await using var store = await storage.OpenStoreAsync();
        var grains = store.Grains;

        // Korean text, a state larger than the copy's buffer, no state, no matched fields, and times finer than the server keeps.
        StateWrite Made(string prefix, int i) =>
            new(new GrainKey("person", $"{prefix}-{i:00}"), 0,
                i == 3 ? null : i == 7 ? $"{{\"memo\":\"{new string('가', 150_000)}\"}}" : $"{{\"name\":\"김민준{i}\",\"quote\":\"\\\"\\t\"}}",
                [.. Enumerable.Range(0, 1 + (i % 3)).Select(e => new EventRecord($"체납등록{e}", $"{{\"n\":{e},\"이름\":\"박서연\"}}"))],
                s_at.AddTicks(i * 1_234_567 + 3))
            { Indexed = i == 5 ? null : $"김민준{i}\u001f1980-01-0{i % 9 + 1}", RecordHash = i == 6 ? null : i * 7_919L - 100_000 };

        Assert.All(await grains.WriteBatchAsync([.. Enumerable.Range(0, 40).Select(i => Made("copy", i))], default), o => Assert.Equal(new WriteOutcome.Written(1), o));
        foreach (var i in Enumerable.Range(0, 40))
        {
            Assert.Equal([new WriteOutcome.Written(1)], await grains.WriteBatchAsync([Made("stmt", i)], default));
        }

        Assert.Equal(40L, await storage.CountAsync("""
            SELECT 1 FROM grain_state c JOIN grain_state s ON s.grain_type = c.grain_type AND s.grain_key = 'stmt' || substr(c.grain_key, 5)
            WHERE c.grain_key LIKE 'copy-%' AND c.state IS NOT DISTINCT FROM s.state AND c.indexed IS NOT DISTINCT FROM s.indexed AND c.record_hash IS NOT DISTINCT FROM s.record_hash
              AND c.version = s.version AND c.updated_at = s.updated_at
            """));
        Assert.Equal(Enumerable.Range(0, 40).Sum(i => (long)Made("copy", i).Events.Count), await storage.CountAsync("""
            SELECT 1 FROM grain_events c JOIN grain_events s ON s.grain_type = c.grain_type AND s.grain_key = 'stmt' || substr(c.grain_key, 5) AND s.version = c.version AND s.idx = c.idx
            WHERE c.grain_key LIKE 'copy-%' AND c.event_type = s.event_type AND c.payload = s.payload AND c.recorded_at = s.recorded_at
            """));
        Assert.Equal((await grains.ReadStatesAsync([new GrainKey("person", "stmt-07")], default))[0], (await grains.ReadStatesAsync([new GrainKey("person", "copy-07")], default))[0]);
        Assert.Equal(Made("copy", 7).Partition, Convert.ToInt32(await storage.ScalarAsync("SELECT partition FROM grain_state WHERE grain_key = 'copy-07'"), System.Globalization.CultureInfo.InvariantCulture));

        // A batch whose events cannot be read halfway through its copy: the error is the caller's, and nothing of the batch is stored.
        var failing = Enumerable.Range(0, 40).Select(i => Made("fail", i)).ToArray();
        failing[30] = failing[30] with { Events = new UnreadableEvents() };
        await Assert.ThrowsAsync<InvalidOperationException>(() => grains.WriteBatchAsync(failing, default));
        Assert.Equal(0L, await storage.CountAsync("SELECT 1 FROM grain_state WHERE grain_key LIKE 'fail-%'"));
        Assert.Equal(0L, await storage.CountAsync("SELECT 1 FROM grain_events WHERE grain_key LIKE 'fail-%'"));
        Assert.All(await grains.WriteBatchAsync([.. Enumerable.Range(0, 40).Select(i => Made("after", i))], default), o => Assert.Equal(new WriteOutcome.Written(1), o));
    }

    [Theory]
    [AllStorages]
    public async Task A_bulk_import_s_creation_of_a_grain_already_stored_conflicts_alone_and_one_the_store_refuses_fails_alone(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var store = await storage.OpenStoreAsync();
        var grains = store.Grains;
        await grains.WriteBatchAsync([Write(new GrainKey("person", "p050"), 0, 1, "first")], default);
        await storage.ExecuteSqlAsync(kind == TestStorage.Sqlite
            ? "INSERT INTO grain_events VALUES (0, 'person', 'p120', 1, 0, 'planted', '{}', 0)"
            : "INSERT INTO grain_events VALUES (0, 'person', 'p120', 1, 0, 'planted', '{}', now())");

        var outcomes = await grains.WriteBatchAsync([.. Enumerable.Range(0, 200).Select(i => Write(new GrainKey("person", $"p{i:000}"), 0, i, "imported"))], default);

        Assert.IsType<WriteOutcome.Conflict>(outcomes[50]);
        Assert.IsType<WriteOutcome.Failed>(outcomes[120]);
        Assert.Equal(198, outcomes.Count(o => o == new WriteOutcome.Written(1)));
        Assert.Equal(["first"], (await grains.ReadEventsAsync(new GrainKey("person", "p050"), default)).Select(e => e.Type));
        Assert.Equal([null], await grains.ReadStatesAsync([new GrainKey("person", "p120")], default));
        Assert.Equal(["imported"], (await grains.ReadEventsAsync(new GrainKey("person", "p199"), default)).Select(e => e.Type));
    }

    [Fact]
    public async Task The_clock_behind_the_writes_waits_out_a_vacuum_a_moment_at_a_time_and_lets_writes_through_meanwhile()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Postgres);
        await using var store = await storage.OpenStoreAsync();
        await using var vacuum = new NpgsqlConnection(storage.ConnectionString);
        await vacuum.OpenAsync();
        await using var holding = await vacuum.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand("LOCK TABLE grain_state IN SHARE UPDATE EXCLUSIVE MODE", vacuum, holding))
        {
            // What a vacuum holds: it lets writes through, but not the clock's lock.
            await take.ExecuteNonQueryAsync();
        }

        var clock = store.Grains.ReadClockAsync(default);

        // Writes queue behind a lock that waits: they go through once its try gives up, not when the vacuum ends.
        var written = await store.Grains.WriteBatchAsync([Write(new GrainKey("person", "meanwhile"), 0, 1)], default).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.IsType<WriteOutcome.Written>(written.Single());
        Assert.False(clock.IsCompleted);

        await holding.CommitAsync();
        var at = await clock.WaitAsync(TimeSpan.FromSeconds(30));
        await store.Grains.WriteBatchAsync([Write(new GrainKey("person", "after"), 0, 1) with { Indexed = "a" }], default);
        var changed = new List<string>();
        await store.Grains.ReadAllAsync("person", at, 10, page => { changed.AddRange(page.Select(f => f.Key)); return Task.CompletedTask; }, default);
        Assert.Equal(["after"], changed);
    }

    /// <summary>Events that fail as they are read, as a serializer that throws would.</summary>
    private sealed class UnreadableEvents : IReadOnlyList<EventRecord>
    {
        public int Count => 1;

        public EventRecord this[int index] => throw new InvalidOperationException("this event cannot be read");

        public IEnumerator<EventRecord> GetEnumerator() => throw new InvalidOperationException("this event cannot be read");

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private static StateWrite Write(GrainKey grain, long expected, int n, params string[] events) =>
        new(grain, expected, $"{{\"n\":{n}}}", [.. events.Select(e => new EventRecord(e, "{}"))], s_at);
}
