using System.Text.Json;
using Tracking.Storage.Migrations;
using Tracking.Storage.Views;
using Tracking.TestingHost;

namespace Tracking.Storage.Tests;

/// <summary>
/// The review queue's order became the debt at stake, then the score (a "rank" in each row): rows
/// written before the change are given their score as rank, and rows written since are left alone.
/// </summary>
public sealed class ReviewRankMigrationTests
{
    [Theory]
    [AllStorages]
    public async Task Review_rows_written_before_rank_by_their_score_and_later_rows_keep_theirs(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using (var store = await storage.OpenStoreAsync())
        {
            var json = kind == TestStorage.Postgres ? "::jsonb" : "";
            await storage.ExecuteSqlAsync($$"""
                INSERT INTO grain_views (view, view_key, owner_type, owner_key, doc) VALUES
                  ('reviews', 'T1|upbit|A1', 'taxpayer', 'T1', '{"score": 60, "state": "Open"}'{{json}}),
                  ('reviews', 'T2|upbit|A2', 'taxpayer', 'T2', '{"score": 40, "state": "Open", "debt": 7, "rank": 936}'{{json}})
                """);

            var script = MigrationScript.For(kind).Single(s => s.Name == "review_rank");
            await storage.ExecuteSqlAsync(script.Sql);

            var page = await store.Views.QueryAsync(new ViewQuery("reviews", ViewField.Number("rank")), CancellationToken.None);
            var rows = page.Documents.Select(d => JsonDocument.Parse(d).RootElement).ToArray();
            Assert.Equal([(7L, 936L), (0L, 60L)], rows.Select(r => (r.GetProperty("debt").GetInt64(), r.GetProperty("rank").GetInt64())));
            Assert.Equal([40, 60], rows.Select(r => r.GetProperty("score").GetInt32()));
        }
    }
}
