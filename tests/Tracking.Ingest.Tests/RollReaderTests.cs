using System.Text;
using Tracking.Ingest.Roll;

namespace Tracking.Ingest.Tests;

public sealed class RollReaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tracking-roll-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_sample_roll_reads_cleanly_and_keeps_no_rrn_in_clear()
    {
        var roll = Samples.Roll();

        Assert.Empty(roll.Problems);
        Assert.Equal(60, roll.Taxpayers.Count);
        Assert.Equal(142, roll.TaxItems.Sum(i => i.Value.Count));
        var first = roll.Taxpayers[0];
        Assert.Equal(("T07-0000000", "이수윤", "030526-4******", "01094528313"), (first.TaxpayerId, first.Name, first.RrnMasked, first.Phone));
        Assert.Equal(new DateOnly(2003, 5, 26), first.BirthDate);
        Assert.DoesNotContain(roll.Taxpayers, t => (t.RrnHash ?? "").Contains("4815908"));
    }

    [Fact]
    public void Bad_taxpayer_and_item_rows_are_reported_and_the_rest_kept()
    {
        var taxpayers = Write("taxpayers.csv", """
            taxpayer_id,name,rrn,birth_date,phone,address
            T1,김철수,800102-1234567,1980-01-02,010-1111-2222,서울
            ,이름없음,,1980-01-02,,
            T1,김철수,,,,
            T2,외국인,,1975-05-05,,부산
            T3,잘못된,123,1999-99-99,12,
            T4,어긋남,800102-1234567,1981-01-02,,
            ../T5,경로,,1970-01-01,,
            """);
        var items = Write("tax_items.csv", """
            taxpayer_id,item_id,tax_type,principal_krw,penalty_krw,costs_krw,due_date
            T1,I1,재산세,100000,10000,0,2025-09-30
            T1,I2,재산세,-5,0,0,2025-09-30
            T1,I3,재산세,1.5,0,0,2025-09-30
            T9,I4,재산세,100,0,0,2025-09-30
            T2,I5,자동차세,100,0,0,2025/09/30
            T2,I1,자동차세,100,0,0,2025-09-30
            T2,I6,자동차세,0,0,0,2025-09-30
            T3,I7,주민세,7000,0,0,2025-08-31
            T1,I 8,재산세,100,0,0,2025-09-30
            """);

        var roll = RollReader.Read(taxpayers, items, Samples.RrnKey);

        Assert.Equal(["T1", "T2", "T3", "T4"], roll.Taxpayers.Select(t => t.TaxpayerId));
        Assert.Null(roll.Taxpayers[2].RrnHash);
        Assert.Null(roll.Taxpayers[2].BirthDate);
        Assert.Equal(new DateOnly(1980, 1, 2), roll.Taxpayers[3].BirthDate);
        Assert.Equal(["I1"], roll.TaxItems["T1"].Select(i => i.ItemId));
        Assert.Equal(["I7"], roll.TaxItems["T3"].Select(i => i.ItemId));
        Assert.False(roll.TaxItems.ContainsKey("T2"));

        string Reason(string file, int line) => string.Join(" | ", roll.Problems.Where(p => p.File == file && p.Line == line).Select(p => p.Reason));
        Assert.Contains("required", Reason("taxpayers.csv", 3));
        Assert.Contains("already listed at line 2", Reason("taxpayers.csv", 4));
        Assert.Contains("13 digits", Reason("taxpayers.csv", 6));
        Assert.DoesNotContain("123", Reason("taxpayers.csv", 6));
        Assert.Contains("disagrees", Reason("taxpayers.csv", 7));
        Assert.Contains("whole non-negative won", Reason("tax_items.csv", 3));
        Assert.Contains("whole non-negative won", Reason("tax_items.csv", 4));
        Assert.Contains("not on the roll", Reason("tax_items.csv", 5));
        Assert.Contains("YYYY-MM-DD", Reason("tax_items.csv", 6));
        Assert.Contains("already listed at line 2", Reason("tax_items.csv", 7));
        Assert.Contains("owes nothing", Reason("tax_items.csv", 8));
        Assert.Contains("taxpayer_id is not an id", Reason("taxpayers.csv", 8));
        Assert.Contains("item_id is not an id", Reason("tax_items.csv", 10));
    }

    [Fact]
    public void A_taxpayer_or_item_listed_again_many_blocks_later_is_refused_at_the_later_line()
    {
        // Rows are made out in blocks of a few thousand on several threads; the first listing must
        // still be the one kept, however far apart the two are.
        const int Taxpayers = 6_000;
        var taxpayers = Write("taxpayers.csv", string.Join("\n", [
            "taxpayer_id,name,rrn,birth_date,phone,address",
            .. Enumerable.Range(0, Taxpayers).Select(i => $"T{i},김철수,,1980-01-02,010-1111-2222,서울"),
            .. Enumerable.Range(0, Taxpayers).Select(i => $"T{i},이영희,,1990-01-02,,부산")]));
        var items = Write("tax_items.csv", string.Join("\n", [
            "taxpayer_id,item_id,tax_type,principal_krw,penalty_krw,costs_krw,due_date",
            .. Enumerable.Range(0, Taxpayers).Select(i => $"T{i},I{i},재산세,{i + 1},0,0,2025-09-30"),
            .. Enumerable.Range(0, Taxpayers).Select(i => $"T{(i + 1) % Taxpayers},I{i},자동차세,5,0,0,2025-09-30")]));

        var roll = RollReader.Read(taxpayers, items, Samples.RrnKey);

        Assert.Equal(Enumerable.Range(0, Taxpayers).Select(i => $"T{i}"), roll.Taxpayers.Select(t => t.TaxpayerId));
        Assert.All(roll.Taxpayers, t => Assert.Equal(("김철수", new DateOnly(1980, 1, 2)), (t.Name, t.BirthDate)));
        Assert.All(Enumerable.Range(0, Taxpayers), i => Assert.Equal([("I" + i, i + 1L)], roll.TaxItems[$"T{i}"].Select(item => (item.ItemId, item.Principal))));
        Assert.Equal(
            Enumerable.Range(0, Taxpayers).Select(i => ("taxpayers.csv", i + 2 + Taxpayers, $"taxpayer T{i} already listed at line {i + 2}"))
                .Concat(Enumerable.Range(0, Taxpayers).Select(i => ("tax_items.csv", i + 2 + Taxpayers, $"item I{i} already listed at line {i + 2}"))),
            roll.Problems.Select(p => (p.File, p.Line, p.Reason)));
    }

    [Fact]
    public void Payment_rows_with_a_reference_of_the_wrong_shape_are_rejected_with_their_line_and_the_rest_kept()
    {
        var payments = Write("payments.csv", """
            payment_id,taxpayer_id,amount_krw,paid_at,source
            PAY-1,T1,1000,2026-11-23,bank
            PAY 2,T1,1000,2026-11-23,bank
            PAY-3,T1/../x,1000,2026-11-23,bank
            ,T1,1000,2026-11-23,bank
            PAY-5,T2,1000,2026-11-23,bank
            """);

        var file = Payments.PaymentFileReader.Read(payments);

        // A taxpayer id of no taxpayer's shape names nobody: the payment is kept, to be held in suspense.
        Assert.Equal(["PAY-1", "PAY-3", "PAY-5"], file.Payments.Select(p => p.PaymentId));
        Assert.Equal([3, 5], file.Problems.Select(p => p.Line));
        Assert.Contains("payment_id is not an id", file.Problems[0].Reason);
        Assert.Contains("payment_id is required", file.Problems[1].Reason);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text.ReplaceLineEndings("\n") + "\n", new UTF8Encoding(false));
        return path;
    }
}
