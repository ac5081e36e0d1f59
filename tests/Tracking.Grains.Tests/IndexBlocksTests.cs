using Tracking.Domain.Identity;
using Tracking.Domain.Matching;
using Tracking.Grains.Matching;

namespace Tracking.Grains.Tests;

public sealed class IndexBlocksTests
{
    private const string Phone = "p:01012345678";
    private const string Birth = "h:800101:ㄱㅁㅅ";

    [Fact]
    public void Each_block_holds_what_was_filed_under_its_key_the_latest_first()
    {
        var blocks = Filed(("A", Phone), ("B", Birth), ("C", Phone), ("D", Phone));

        Assert.Equal(["D", "C", "A"], Ids(blocks, Phone));
        Assert.Equal(["B"], Ids(blocks, Birth));
        Assert.Empty(Ids(blocks, "p:01099999999"));
        Assert.Equal(3, blocks.CountOf(BlockKey.Of(Phone).Hash));
        Assert.Equal(BlockKey.Of(Birth), blocks.KeyOf(BlockKey.Of(Birth).Hash));
        Assert.Null(blocks.KeyOf(BlockKey.Of("r:x").Hash));
        Assert.Equal(["A", "B", "C", "D"], blocks.Owned(int.MaxValue).Lowest.Select(t => t.TaxpayerId).Order());
    }

    [Theory]
    [InlineData("D")]
    [InlineData("C")]
    [InlineData("A")]
    [InlineData("A", "D")]
    [InlineData("A", "C", "D")]
    public void Taking_out_entries_anywhere_in_a_block_keeps_the_rest_in_order_and_an_emptied_block_is_gone(params string[] taken)
    {
        var blocks = Filed(("A", Phone), ("B", Birth), ("C", Phone), ("D", Phone));
        var handed = new List<(string, IndexEntry<IndexedTaxpayer>)>();

        blocks.TakeOut(taken.ToDictionary(id => id, id => id.ToLowerInvariant(), StringComparer.Ordinal), (value, entry) => handed.Add((value, entry)));

        Assert.Equal(taken.Select(id => (id.ToLowerInvariant(), new IndexEntry<IndexedTaxpayer>(BlockKey.Of(Phone), Record(id), true))).OrderBy(h => h.Item1), handed.OrderBy(h => h.Item1));
        Assert.Equal(new[] { "D", "C", "A" }.Except(taken), Ids(blocks, Phone));
        Assert.Equal(3 - taken.Length, blocks.CountOf(BlockKey.Of(Phone).Hash));
        Assert.Equal(taken.Length < 3, blocks.Keys.Contains(BlockKey.Of(Phone).Hash));
        Assert.Equal(["B"], Ids(blocks, Birth));
        Assert.Equal(new[] { "A", "B", "C", "D" }.Except(taken), blocks.Owned(int.MaxValue).Lowest.Select(t => t.TaxpayerId).Order());

        // Filed again after: the block takes it as its latest.
        File(blocks, "E", Phone);
        Assert.Equal(new[] { "E", "D", "C", "A" }.Except(taken), Ids(blocks, Phone));
    }

    [Fact]
    public void A_record_is_filed_in_the_shard_of_each_of_its_keys_and_only_its_first_key_owns_it()
    {
        var taxpayer = new TaxpayerIdentity("T1", PersonName.Parse("김민수"), new BirthDate(19, 80, 1, 1), "01012345678", "ab12");
        var record = IndexedTaxpayer.Of(taxpayer, "김민수");

        var pages = IndexPages.Pack(new[] { taxpayer }, t => (record, BlockingKeys.For(t)), default);

        var entries = pages.SelectMany(page => IndexPages.Unpack<IndexedTaxpayer>(page.Entries).Select(entry => (page.Shard, entry))).ToArray();
        Assert.Equal(BlockingKeys.For(taxpayer).Select(BlockKey.Of).OrderBy(k => k.Hash), entries.Select(e => e.entry.Key).OrderBy(k => k.Hash));
        Assert.All(entries, e => Assert.Equal((MatchIndex.NumberOf(e.entry.Key), record), (e.Shard, e.entry.Record)));
        Assert.Equal([BlockKey.Of(BlockingKeys.For(taxpayer)[0])], entries.Where(e => e.entry.First).Select(e => e.entry.Key));
        Assert.Equal(new IndexedTaxpayer("T1", "김민수", taxpayer.Birth, "01012345678", "ab12"), record);
    }

    [Theory]
    [InlineData("upbit", "U-1/2", "KIM SEOYEON", 19, "01012345678", "hash")]
    [InlineData("bithumb", "B-7", null, null, null, null)]
    [InlineData("코빗", "", "김 서연 ", 20, "", "")]
    [InlineData("gopax", "G-1", "LEE", 19, "0a", "3f9a0c2e4b6d8f1a3c5e7b9d0f2a4c6e8b1d3f5a7c9e0b2d4f6a8c1e3b5d7f90")]
    [InlineData("korbit", "K-1", "LEE", 19, "0A", "3F9A")]
    [InlineData("korbit", "K-2", "LEE", 19, "abc", "0x12")]
    public void A_record_unpacks_as_it_was_packed(string exchange, string accountId, string? name, int? century, string? phone, string? rrnHash)
    {
        var account = new IndexedAccount(exchange, accountId, name, century is null ? null : new BirthDate(century == 19 ? 19 : null, 91, 12, 31), phone, rrnHash);
        var taxpayer = new IndexedTaxpayer(accountId, name ?? "", century is null ? null : new BirthDate(century, 0, 1, 1), phone, rrnHash);

        Assert.Equal(account, Repacked(account));
        Assert.Equal(taxpayer, Repacked(taxpayer));
        Assert.Equal($"{exchange}/{accountId}", account.Id);
    }

    [Fact]
    public void An_rrn_hash_packs_as_the_32_bytes_it_spells()
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("x"u8));
        var without = new IndexedTaxpayer("T1", "김민수", null, null, null);

        Assert.Equal(Packed(without).Length + 32, Packed(without with { RrnHash = hash }).Length);
        Assert.Equal(Packed(without).Length + 64, Packed(without with { RrnHash = hash.ToUpperInvariant() }).Length);
    }

    [Fact]
    public void Blocks_revised_again_and_again_keep_what_was_filed_last_in_order()
    {
        var blocks = Filed(("A", Phone), ("B", Birth), ("C", Phone));
        var keyOf = new Dictionary<string, string> { ["A"] = Phone, ["B"] = Birth, ["C"] = Phone };

        // Each round takes out a record and files it again, as a revision does: most slots are soon empty.
        foreach (var id in new[] { "A", "B", "A", "C", "A", "B", "B", "C" })
        {
            var taken = new List<IndexEntry<IndexedTaxpayer>>();
            blocks.TakeOut(new Dictionary<string, string>(StringComparer.Ordinal) { [id] = id }, (_, entry) => taken.Add(entry));
            Assert.Equal([BlockKey.Of(keyOf[id])], taken.Select(e => e.Key));
            File(blocks, id, keyOf[id]);
        }

        Assert.Equal(["C", "A"], Ids(blocks, Phone));
        Assert.Equal(["B"], Ids(blocks, Birth));
        Assert.Equal(["A", "B", "C"], blocks.Owned(int.MaxValue).Lowest.Select(t => t.TaxpayerId).Order());
    }

    [Fact]
    public void Cleared_blocks_hold_nothing()
    {
        var blocks = Filed(("A", Phone), ("B", Birth));

        blocks.Clear();

        Assert.Empty(blocks.Keys);
        Assert.Equal(0, blocks.Owned(int.MaxValue).Count);
        Assert.Empty(Ids(blocks, Phone));
    }

    private static TRecord Repacked<TRecord>(TRecord record)
        where TRecord : class, IPackedRecord<TRecord> =>
        TRecord.Unpack(Packed(record));

    private static byte[] Packed<TRecord>(TRecord record)
        where TRecord : class, IPackedRecord<TRecord>
    {
        var packed = new System.Buffers.ArrayBufferWriter<byte>();
        record.Pack(packed);
        return packed.WrittenSpan.ToArray();
    }

    private static IndexBlocks<IndexedTaxpayer> Filed(params (string Id, string Key)[] entries)
    {
        var blocks = new IndexBlocks<IndexedTaxpayer>();
        foreach (var (id, key) in entries)
        {
            File(blocks, id, key);
        }

        return blocks;
    }

    private static void File(IndexBlocks<IndexedTaxpayer> blocks, string id, string key)
    {
        foreach (var page in IndexPages.Pack(new[] { id }, i => (Record(i), new[] { key }), default))
        {
            blocks.File(page.Entries);
        }
    }

    private static IndexedTaxpayer Record(string id) => new(id, "김민수", null, null, null);

    private static string[] Ids(IndexBlocks<IndexedTaxpayer> blocks, string key) =>
        [.. blocks.Block(BlockKey.Of(key).Hash, []).Select(e => e.TaxpayerId)];
}
