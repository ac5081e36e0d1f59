using Tracking.Domain.Accounts;
using Tracking.Domain.Identity;
using Tracking.Domain.Ledger;
using Tracking.Domain.Taxpayers;
using Tracking.Grains.Accounts;
using Tracking.Grains.Matching;
using Tracking.Grains.Persistence;
using Tracking.Grains.Taxpayers;
using Tracking.Storage;
using Tracking.Storage.Migrations;
using Tracking.Storage.Persistence;
using Tracking.TestingHost;

namespace Tracking.Grains.Tests;

/// <summary>
/// The fields a sweep matches on are written beside every taxpayer's and account's state, and read
/// back as they were, whatever characters a file put in them; rows stored before they were kept
/// there get the same text from the migration as the grains write.
/// </summary>
public sealed class MatchedFieldsTests
{
    private static readonly DateTimeOffset s_at = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly TaxpayerProfile[] s_taxpayers =
    [
        new("T-1", "김철수", "rrn-hash-1", "800101-1******", new DateOnly(1980, 1, 1), "01012345678", "서울시"),
        new("T-2", "O'BRIEN \\ KIM\u001fX \\0 \\u", null, null, null, null, null),
    ];

    private static readonly AccountProfile[] s_accounts =
    [
        new("upbit", "A-1", "김철수", new BirthDate(19, 80, 1, 1), "01012345678", "rrn-hash-1", null, []),
        new("upbit", "A-2", null, new BirthDate(null, 80, 12, 31), null, null, null, []),
        new("bithumb", "A-3", "\\0", null, "\u001f", "\\", null, []),
    ];

    [Fact]
    public void Matched_fields_read_back_as_written_whatever_characters_they_hold()
    {
        Assert.Equal(
            [["김철수", "1980-01-01", "01012345678", "rrn-hash-1"], ["O'BRIEN \\ KIM\u001fX \\0 \\u", null, null, null]],
            s_taxpayers.Select(p => MatchedFields.Values(MatchedFields.Of(Ledger(p))!, MatchedFields.TaxpayerValues)));
        Assert.Equal(
            [["김철수", "19", "80", "1", "1", "01012345678", "rrn-hash-1"], [null, null, "80", "12", "31", null, null], ["\\0", null, null, null, null, "\u001f", "\\"]],
            s_accounts.Select(a => MatchedFields.Values(MatchedFields.Of(Account(a))!, MatchedFields.AccountValues)));
        Assert.Null(MatchedFields.Of(TaxpayerLedger.Empty("T-3")));

        // A text of another shape is not read as if it were one of these.
        Assert.Throws<InvalidDataException>(() => MatchedFields.Values("김철수\u001f1980-01-01", MatchedFields.TaxpayerValues));
        Assert.Throws<InvalidDataException>(() => MatchedFields.Values(MatchedFields.Of(Ledger(s_taxpayers[0]))!, MatchedFields.AccountValues));
    }

    [Theory]
    [AllStorages]
    public async Task Rows_stored_before_the_fields_were_kept_beside_their_states_get_them_as_the_grains_write_them(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var store = await storage.OpenStoreAsync();
        var undescribed = new StateWrite(new GrainKey(TaxpayerGrain.TypeName, "T-3"), 0, GrainStateJson.SerializeState(TaxpayerLedger.Empty("T-3")), [], s_at);
        // With their states, as every row was stored then.
        StateWrite[] writes =
        [
            .. s_taxpayers.Select(Ledger).Select(l => TaxpayerGrain.Change(new GrainKey(TaxpayerGrain.TypeName, l.TaxpayerId), stored: null, l, [], views: null, MatchedFields.Of(l), s_at)),
            undescribed,
            .. s_accounts.Select(Account).Select(a => ExchangeAccountGrain.Change(new GrainKey(ExchangeAccountGrain.TypeName, AccountKey.Of(a.Exchange, a.AccountId)), stored: null, a, [], views: null, MatchedFields.Of(a), s_at)),
        ];
        Assert.All(await store.Grains.WriteBatchAsync(writes, default), outcome => Assert.IsType<WriteOutcome.Written>(outcome));
        var written = await IndexedAsync(store);
        Assert.Equal(6, written.Count);
        Assert.Null(written["T-3"]);

        // The schema as the migration before left it: no fields beside the state, a tag of them instead, and on PostgreSQL states as jsonb.
        await storage.ExecuteSqlAsync(kind == TestStorage.Postgres
            ? "ALTER TABLE grain_state DROP COLUMN indexed, ADD COLUMN indexed_tag bigint, ALTER COLUMN state TYPE jsonb USING state::jsonb"
            : "ALTER TABLE grain_state DROP COLUMN indexed; ALTER TABLE grain_state ADD COLUMN indexed_tag INTEGER");
        await storage.ExecuteSqlAsync(MigrationScript.For(kind).Single(s => s.Name == "matched_fields_beside_state").Sql);

        Assert.Equal(written, await IndexedAsync(store));
        if (kind == TestStorage.Postgres)
        {
            Assert.Equal(1, await storage.CountAsync("SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'grain_state' AND column_name = 'state' AND data_type = 'json'"));
        }
    }

    private static TaxpayerLedger Ledger(TaxpayerProfile profile) => TaxpayerLedger.Empty(profile.TaxpayerId) with { Profile = profile };

    private static ExchangeAccount Account(AccountProfile profile) => ExchangeAccount.Empty(profile.Exchange, profile.AccountId) with { Profile = profile };

    private static async Task<Dictionary<string, string?>> IndexedAsync(ITrackingStore store)
    {
        var indexed = new Dictionary<string, string?>();
        foreach (var type in new[] { TaxpayerGrain.TypeName, ExchangeAccountGrain.TypeName })
        {
            await store.Grains.ReadAllAsync(type, indexedSince: null, 100, page =>
            {
                foreach (var record in page)
                {
                    indexed.Add(record.Key, record.Indexed);
                }

                return Task.CompletedTask;
            }, default);
        }

        return indexed;
    }
}
