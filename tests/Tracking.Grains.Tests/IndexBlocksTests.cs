using Tracking.Grains.Matching;

namespace Tracking.Grains.Tests;

public sealed class IndexBlocksTests
{
    private static readonly BlockKey s_phone = BlockKey.Of("p:01012345678");
    private static readonly BlockKey s_birth = BlockKey.Of("h:800101:ㄱㅁㅅ");

    [Fact]
    public void Each_block_holds_what_was_filed_under_its_key_the_latest_first()
    {
        var blocks = Filed(("A", s_phone), ("B", s_birth), ("C", s_phone), ("D", s_phone));

        Assert.Equal(["D", "C", "A"], Ids(blocks, s_phone));
        Assert.Equal(["B"], Ids(blocks, s_birth));
        Assert.Empty(Ids(blocks, BlockKey.Of("p:01099999999")));
        Assert.Equal(3, blocks.CountOf(s_phone.Hash));
        Assert.Equal(s_birth, blocks.KeyOf(s_birth.Hash));
        Assert.Null(blocks.KeyOf(BlockKey.Of("r:x").Hash));
        Assert.Equal(["A", "B", "C", "D"], blocks.Entries.Select(e => e.Record.TaxpayerId).Order());
    }

    [Theory]
    [InlineData("D")]
    [InlineData("C")]
    [InlineData("A")]
    [InlineData("A", "D")]
    [InlineData("A", "C", "D")]
    public void Taking_out_entries_anywhere_in_a_block_keeps_the_rest_in_order_and_an_emptied_block_is_gone(params string[] taken)
    {
        var blocks = Filed(("A", s_phone), ("B", s_birth), ("C", s_phone), ("D", s_phone));

        blocks.TakeOut(e => taken.Contains(e.Record.TaxpayerId));

        Assert.Equal(new[] { "D", "C", "A" }.Except(taken), Ids(blocks, s_phone));
        Assert.Equal(3 - taken.Length, blocks.CountOf(s_phone.Hash));
        Assert.Equal(taken.Length < 3, blocks.Keys.Contains(s_phone.Hash));
        Assert.Equal(["B"], Ids(blocks, s_birth));
        Assert.Equal(new[] { "A", "B", "C", "D" }.Except(taken), blocks.Entries.Select(e => e.Record.TaxpayerId).Order());

        // Filed again after: the block takes it as its latest.
        blocks.Add(Entry("E", s_phone));
        Assert.Equal(new[] { "E", "D", "C", "A" }.Except(taken), Ids(blocks, s_phone));
    }

    [Fact]
    public void A_record_s_entries_share_one_record_and_only_its_first_key_owns_it()
    {
        var taxpayer = new Domain.Identity.TaxpayerIdentity("T1", Domain.Identity.PersonName.Parse("김민수"), new Domain.Identity.BirthDate(19, 80, 1, 1), "01012345678", "ab12");

        var entries = IndexedTaxpayer.For(taxpayer, "김민수").ToArray();

        Assert.Equal(Domain.Matching.BlockingKeys.For(taxpayer).Select(BlockKey.Of), entries.Select(e => e.Key));
        Assert.All(entries, e => Assert.Same(entries[0].Record, e.Record));
        Assert.Equal([true, .. Enumerable.Repeat(false, entries.Length - 1)], entries.Select(e => e.First));
        Assert.Equal(new IndexedTaxpayer("T1", "김민수", taxpayer.Birth, "01012345678", "ab12"), entries[0].Record);
    }

    [Fact]
    public void Blocks_revised_again_and_again_keep_what_was_filed_last_in_order()
    {
        var blocks = Filed(("A", s_phone), ("B", s_birth), ("C", s_phone));

        // Each round takes out a record and files it again, as a revision does: most slots are soon empty.
        foreach (var id in new[] { "A", "B", "A", "C", "A", "B", "B", "C" })
        {
            var key = blocks.Entries.Single(e => e.Record.TaxpayerId == id).Key;
            blocks.TakeOut(e => e.Record.TaxpayerId == id);
            blocks.Add(Entry(id, key));
        }

        Assert.Equal(["C", "A"], Ids(blocks, s_phone));
        Assert.Equal(["B"], Ids(blocks, s_birth));
        Assert.Equal(["A", "B", "C"], blocks.Entries.Select(e => e.Record.TaxpayerId).Order());
    }

    [Fact]
    public void Cleared_blocks_hold_nothing()
    {
        var blocks = Filed(("A", s_phone), ("B", s_birth));

        blocks.Clear();

        Assert.Empty(blocks.Keys);
        Assert.Empty(blocks.Entries);
        Assert.Empty(Ids(blocks, s_phone));
    }

    private static IndexBlocks<IndexedTaxpayer> Filed(params (string Id, BlockKey Key)[] entries)
    {
        var blocks = new IndexBlocks<IndexedTaxpayer>();
        foreach (var (id, key) in entries)
        {
            blocks.Add(Entry(id, key));
        }

        return blocks;
    }

    private static IndexEntry<IndexedTaxpayer> Entry(string id, BlockKey key) => new(key, new IndexedTaxpayer(id, "김민수", null, null, null), First: true);

    private static string[] Ids(IndexBlocks<IndexedTaxpayer> blocks, BlockKey key) =>
        [.. blocks.Block(key.Hash, []).Select(e => e.TaxpayerId)];
}
