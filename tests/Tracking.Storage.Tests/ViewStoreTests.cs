using Tracking.Storage.Persistence;
using Tracking.Storage.Views;
using Tracking.TestingHost;

namespace Tracking.Storage.Tests;

/// <summary>Read models kept with grain state: the contract both engines keep.</summary>
public sealed class ViewStoreTests
{
    private static readonly DateTimeOffset s_at = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly ViewField s_opened = ViewField.Number("opened");
    private static readonly ViewField s_state = ViewField.Text("state");
    private static readonly ViewField s_amount = ViewField.Number("amount");
    private static readonly ViewDefinition s_cases = new("cases", s_opened, [s_state, s_amount]);

    [Theory]
    [AllStorages]
    public async Task A_grains_rows_are_replaced_as_a_whole_with_its_state_and_never_by_a_write_that_lost(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var store = await storage.OpenStoreAsync();
        var grain = new GrainKey("owner", "g1");
        await store.Grains.WriteBatchAsync([Write(grain, 0, Row("a", "open", 1, 10), Row("b", "open", 2, 20))], default);
        await store.Grains.WriteBatchAsync([Write(grain, 1, Row("b", "closed", 2, 25), Row("c", "open", 3, 30))], default);

        Assert.Equal(["c:open", "b:closed"], await KeysAsync(store, new ViewQuery("cases", s_opened)));

        // A stale write (version conflict) changes no row; a write of a grain keeping no views leaves them.
        var outcomes = await store.Grains.WriteBatchAsync([Write(grain, 1, Row("z", "open", 9, 90))], default);
        Assert.IsType<WriteOutcome.Conflict>(Assert.Single(outcomes));
        await store.Grains.WriteBatchAsync([Write(grain, 2) with { Views = null }], default);
        Assert.Equal(["c:open", "b:closed"], await KeysAsync(store, new ViewQuery("cases", s_opened)));

        // An empty list drops them all.
        await store.Grains.WriteBatchAsync([Write(grain, 3)], default);
        Assert.Empty(await KeysAsync(store, new ViewQuery("cases", s_opened)));
    }

    [Theory]
    [AllStorages]
    public async Task Pages_follow_the_sort_newest_first_filtered_and_the_cursor_visits_each_row_once(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var store = await storage.OpenStoreAsync();
        await store.Views.EnsureAsync([s_cases], default);
        await store.Views.EnsureAsync([s_cases], default);

        // 23 grains of 2 rows; equal sort values are ordered by key.
        var writes = Enumerable.Range(0, 23).Select(i => Write(
            new GrainKey("owner", $"g{i:00}"),
            0,
            Row($"r{i:00}a", i % 3 == 0 ? "closed" : "open", i / 2, i * 1_000),
            Row($"r{i:00}b", "open", 100 + i, 5))).ToArray();
        await store.Grains.WriteBatchAsync(writes, default);

        var open = new ViewQuery("cases", s_opened) { Filters = [ViewFilter.Equal(s_state, "open"), ViewFilter.AtLeast(s_amount, 2_000), ViewFilter.Below(s_amount, 20_000)], Limit = 4 };
        var expected = Enumerable.Range(2, 18).Where(i => i % 3 != 0).OrderByDescending(i => i / 2).ThenByDescending(i => i).Select(i => $"r{i:00}a:open").ToArray();
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await store.Views.QueryAsync(open with { After = cursor }, default);
            Assert.Equal(expected.Length, page.Total);
            Assert.True(page.Documents.Count <= 4);
            seen.AddRange(page.Documents.Select(Label));
            cursor = page.Next;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(expected, seen);
        Assert.Equal((expected.Length + 3) / 4, pages);

        // Smallest first, page by page, is the same rows the other way round.
        var ascending = new List<string>();
        do
        {
            var page = await store.Views.QueryAsync(open with { Ascending = true, After = cursor }, default);
            ascending.AddRange(page.Documents.Select(Label));
            cursor = page.Next;
        }
        while (cursor is not null);

        Assert.Equal(expected.Reverse(), ascending);
        await Assert.ThrowsAsync<ArgumentException>(() => store.Views.QueryAsync(open with { After = "not-a-cursor" }, default));

        // The total is counted for the first page only and carried in the cursor: a row added meanwhile shows on the next first page.
        var first = await store.Views.QueryAsync(open, default);
        await store.Grains.WriteBatchAsync([Write(new GrainKey("owner", "late"), 0, Row("r99a", "open", 0, 5_000))], default);
        Assert.Equal(expected.Length, (await store.Views.QueryAsync(open with { After = first.Next }, default)).Total);
        Assert.Equal(expected.Length + 1, (await store.Views.QueryAsync(open, default)).Total);
    }

    [Theory]
    [AllStorages]
    public async Task Each_index_holds_its_own_view_s_rows_and_the_first_shape_that_held_every_view_s_is_dropped(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var store = await storage.OpenStoreAsync();
        await storage.ExecuteSqlAsync("CREATE INDEX gv_cases_state_by_opened ON grain_views (view, (doc->>'state'), view_key)");
        await store.Views.EnsureAsync([s_cases], default);

        var (indexes, definition) = kind == TestStorage.Sqlite ? ("SELECT name, sql AS definition FROM sqlite_master WHERE type = 'index'", "WHERE view = ''cases''") : ("SELECT indexname AS name, indexdef AS definition FROM pg_indexes WHERE schemaname = current_schema()", "WHERE (view = ''cases''::text)");
        Assert.Equal(0, await storage.CountAsync($"SELECT 1 FROM ({indexes}) AS i WHERE name LIKE 'gv\\_%' ESCAPE '\\'"));
        foreach (var name in new[] { "gvp_cases_by_opened", "gvp_cases_state_by_opened", "gvp_cases_amount_by_opened" })
        {
            Assert.Equal(1, await storage.CountAsync($"SELECT 1 FROM ({indexes}) AS i WHERE name = '{name}' AND definition LIKE '%{definition}'"));
        }

        await Assert.ThrowsAsync<ArgumentException>(() => store.Views.QueryAsync(new ViewQuery("cases' OR ''='", s_opened), default));
    }

    [Fact]
    public async Task The_embedded_store_reads_every_page_and_count_along_its_view_s_own_index_without_sorting()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Sqlite);
        await using var store = await storage.OpenStoreAsync();
        var other = new ViewDefinition("others", s_opened, [s_state]);
        await store.Views.EnsureAsync([s_cases, other], default);
        await store.Grains.WriteBatchAsync([Write(new GrainKey("owner", "g1"), 0, Row("a", "open", 1, 10), Row("b", "closed", 2, 20))], default);

        var all = new ViewQuery("cases", s_opened);
        var first = await store.Views.QueryAsync(all with { Limit = 1 }, default);
        foreach (var query in new[] { all, all with { Ascending = true }, all with { Filters = [ViewFilter.Equal(s_state, "open")] }, all with { Limit = 1, After = first.Next } })
        {
            var plan = await storage.SqlitePlanAsync(command => SqlViewStore.PageCommand(command, query));
            Assert.Contains(plan, line => line.Contains("USING INDEX gvp_cases_", StringComparison.Ordinal));
            Assert.DoesNotContain(plan, line => line.Contains("TEMP B-TREE", StringComparison.Ordinal));
        }

        var count = await storage.SqlitePlanAsync(command => SqlViewStore.CountCommand(command, all with { Filters = [ViewFilter.Equal(s_state, "open")] }));
        Assert.Contains(count, line => line.Contains("USING COVERING INDEX gvp_cases_state_by_opened", StringComparison.Ordinal));
    }

    [Theory]
    [AllStorages]
    public async Task A_list_s_total_is_shared_while_younger_than_the_age_a_query_accepts_and_its_rows_are_always_fresh(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var store = await storage.OpenStoreAsync();
        await store.Views.EnsureAsync([s_cases], default);
        await store.Grains.WriteBatchAsync([Write(new GrainKey("owner", "g1"), 0, Row("a", "open", 1, 10), Row("b", "closed", 2, 20))], default);
        var open = new ViewQuery("cases", s_opened) { Filters = [ViewFilter.Equal(s_state, "open")], TotalMaxAge = TimeSpan.FromHours(1) };
        Assert.Equal(1, (await store.Views.QueryAsync(open, default)).Total);

        await store.Grains.WriteBatchAsync([Write(new GrainKey("owner", "g2"), 0, Row("c", "open", 3, 30))], default);
        var shared = await store.Views.QueryAsync(open, default);
        Assert.Equal(1, shared.Total);
        Assert.Equal(["c:open", "a:open"], shared.Documents.Select(Label));

        // Another list, or a query that takes no old total, counts now.
        Assert.Equal(2, (await store.Views.QueryAsync(open with { TotalMaxAge = TimeSpan.Zero }, default)).Total);
        Assert.Equal(1, (await store.Views.QueryAsync(open with { Filters = [ViewFilter.Equal(s_state, "closed")] }, default)).Total);
    }

    [Theory]
    [AllStorages]
    public async Task Aggregates_count_and_sum_per_group(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var store = await storage.OpenStoreAsync();
        await store.Grains.WriteBatchAsync(
            [
                Write(new GrainKey("owner", "g1"), 0, Row("a", "open", 1, 10), Row("b", "closed", 2, 20)),
                Write(new GrainKey("owner", "g2"), 0, Row("c", "closed", 3, 30), Row("d", "closed", 4, 40)),
            ],
            default);

        var groups = await store.Views.AggregateAsync(new ViewAggregate("cases", [s_state], [s_amount, s_opened]), default);
        Assert.Equal([("closed", 3L, 90L, 9L), ("open", 1L, 10L, 1L)], groups.Select(g => (g.Keys[0], g.Count, g.Sums[0], g.Sums[1])));

        var bigOnes = await store.Views.AggregateAsync(new ViewAggregate("cases", [], [s_amount]) { Filters = [ViewFilter.AtLeast(s_amount, 30)] }, default);
        Assert.Equal((2L, 70L), (bigOnes.Single().Count, bigOnes.Single().Sums[0]));
    }

    [Theory]
    [AllStorages]
    public async Task Appended_rows_are_kept_once_and_no_grains_write_removes_them(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var store = await storage.OpenStoreAsync();
        var record = new ViewRow("cases", "journal-1", """{"key":"journal-1","opened":5,"state":"read","amount":0}""");
        await store.Views.AppendAsync([record], default);
        await store.Views.AppendAsync([record with { Json = """{"key":"journal-1","opened":6,"state":"changed","amount":0}""" }], default);
        await store.Grains.WriteBatchAsync([Write(new GrainKey("owner", "g1"), 0, Row("a", "open", 1, 10))], default);
        await store.Grains.WriteBatchAsync([Write(new GrainKey("owner", "g1"), 1)], default);

        Assert.Equal(["journal-1:read"], await KeysAsync(store, new ViewQuery("cases", s_opened)));
    }

    [Theory]
    [AllStorages]
    public async Task One_row_is_found_by_its_view_and_key_and_a_missing_one_is_null(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var store = await storage.OpenStoreAsync();
        await store.Grains.WriteBatchAsync([Write(new GrainKey("owner", "g1"), 0, Row("a@b/c", "open", 1, 10))], default);

        Assert.Equal("a@b/c:open", Label((await store.Views.FindAsync("cases", "a@b/c", default))!));
        Assert.Null(await store.Views.FindAsync("cases", "a@b/d", default));
        Assert.Null(await store.Views.FindAsync("reviews", "a@b/c", default));
    }

    private static async Task<IReadOnlyList<string>> KeysAsync(ITrackingStore store, ViewQuery query) =>
        (await store.Views.QueryAsync(query, default)).Documents.Select(Label).ToArray();

    private static string Label(string json)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        return $"{doc.RootElement.GetProperty("key").GetString()}:{doc.RootElement.GetProperty("state").GetString()}";
    }

    private static ViewRow Row(string key, string state, long opened, long amount) =>
        new("cases", key, $$"""{"key":"{{key}}","state":"{{state}}","opened":{{opened}},"amount":{{amount}}}""");

    private static StateWrite Write(GrainKey grain, long expected, params ViewRow[] views) =>
        new(grain, expected, "{}", [], s_at) { Views = views };
}
