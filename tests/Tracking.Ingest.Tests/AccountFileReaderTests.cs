using System.Text;
using Tracking.Domain.Accounts;
using Tracking.Domain.Identity;
using Tracking.Ingest.Accounts;
using Tracking.Ingest.Files;

namespace Tracking.Ingest.Tests;

public sealed class AccountFileReaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tracking-ingest-").FullName;

    static AccountFileReaderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("upbit", "upbit.csv", 155)]
    [InlineData("bithumb", "bithumb.csv", 198)]
    [InlineData("coinone", "coinone.csv", 188)]
    [InlineData("korbit", "korbit.tsv", 180)]
    [InlineData("gopax", "gopax.csv", 191)]
    public void Every_sample_file_reads_cleanly_with_its_profile(string exchange, string file, int lines)
    {
        var result = AccountFileReader.Read(Samples.File(file), Samples.Profiles[exchange], Samples.RrnKey);

        Assert.Empty(result.Problems);
        Assert.Equal(lines - 1, result.Rows);
        Assert.Equal(lines - 1, result.Accounts.Sum(a => a.Holdings.Count));
        Assert.All(result.Accounts, a => Assert.Equal(exchange, a.Exchange));
        Assert.All(result.Accounts, a => Assert.True(Hangul.IsHangulName(a.Name!) || a.Name!.All(c => char.IsAsciiLetter(c) || c is ' ' or '-')));
    }

    [Fact]
    public void Cp949_names_decode_and_yymmdd_births_keep_the_century_open()
    {
        var account = AccountFileReader.Read(Samples.File("bithumb.csv"), Samples.Profiles["bithumb"], Samples.RrnKey)
            .Accounts.Single(a => a.AccountId == "bt_00001ef6");

        Assert.Equal("서주성", account.Name);
        Assert.Equal(new BirthDate(null, 94, 5, 13), account.Birth);
        Assert.Equal("01026792887", account.Phone);
    }

    [Fact]
    public void A_bom_and_semicolons_and_international_phones_are_handled()
    {
        var account = AccountFileReader.Read(Samples.File("coinone.csv"), Samples.Profiles["coinone"], Samples.RrnKey)
            .Accounts.Single(a => a.AccountId == "10158387");

        Assert.Equal("황현윤", account.Name);
        Assert.Equal("01045760874", account.Phone);
        Assert.Equal(new BirthDate(19, 89, 1, 3), account.Birth);
    }

    [Fact]
    public void Quantities_follow_the_profile_meaning_of_the_quantity_column()
    {
        // upbit: 보유수량 excludes the locked part; gopax: 총수량 is the total.
        var upbit = AccountFileReader.Read(Samples.File("upbit.csv"), Samples.Profiles["upbit"], Samples.RrnKey).Accounts.Single(a => a.AccountId == "UP000087116");
        Assert.Equal(new Holding("BTC", 0.00016017m, 0.00001602m), upbit.Holdings.Single(h => h.Asset == "BTC"));

        var gopax = AccountFileReader.Read(Samples.File("gopax.csv"), Samples.Profiles["gopax"], Samples.RrnKey).Accounts.Single(a => a.AccountId == "G00356362");
        Assert.Equal(new Holding("KRW", 2566018m, 1283009m), gopax.Holdings.Single());

        var bithumb = AccountFileReader.Read(Samples.File("bithumb.csv"), Samples.Profiles["bithumb"], Samples.RrnKey).Accounts.Single(a => a.AccountId == "bt_00066782");
        Assert.Contains(bithumb.Holdings, h => h.Asset == "ETH");
    }

    [Fact]
    public void Korbit_rrns_are_kept_only_as_hash_and_mask_and_give_the_birth_date()
    {
        var result = AccountFileReader.Read(Samples.File("korbit.tsv"), Samples.Profiles["korbit"], Samples.RrnKey);
        var account = result.Accounts.Single(a => a.AccountId == "KB-0419714");

        Assert.Equal("731018-1******", account.RrnMasked);
        Assert.Equal(ResidentRegistrationNumber.Parse("731018-1690418", out _)!.Hash(Samples.RrnKey), account.RrnHash);
        Assert.Equal(new BirthDate(19, 73, 10, 18), account.Birth);
        Assert.DoesNotContain(result.Accounts, a => (a.RrnHash ?? "").Contains("690418") || (a.RrnMasked ?? "").Contains("690418"));
    }

    [Fact]
    public void Bad_rows_are_reported_with_line_and_reason_and_good_rows_are_kept()
    {
        var path = Write("upbit.csv", Encoding.UTF8, """
            회원번호,성명,생년월일,휴대전화,자산,보유수량,주문중수량
            UP1,김철수,1980-01-02,010-1111-2222,BTC,0.5,0.1
            ,김철수,1980-01-02,010-1111-2222,ETH,1,0
            UP2,이영희,1990-13-45,010-3333-4444,BTC,abc,0
            UP3,박민수,02/03/1985,010-5555-6666,KRW,100000,0
            UP4,최지우,1975-05-05,not-a-phone,XRP,10,0
            UP1,김철수,1980-01-02,010-1111-2222,BTC,1,0
            UP5,"정,우성",1970-01-01,010-7777-8888,SOL,-1,0
            UP6,한가인,1982-02-02,010-9999-0000,ETH,1,2
            UP7,too,many,fields,here,1,0,extra
            UP8,오세훈,1961-01-04,010-1212-3434,eth,2,0
            UP9/../x,홍길동,1961-01-04,010-1212-3434,BTC,2,0
            """);

        var result = AccountFileReader.Read(path, Samples.Profiles["upbit"], Samples.RrnKey);

        // UP1's second BTC row is rejected, so UP1 is left as it was rather than read without it.
        Assert.Equal(["UP3", "UP4", "UP6", "UP8"], result.Accounts.Select(a => a.AccountId).Order());
        Assert.Null(result.Accounts.Single(a => a.AccountId == "UP3").Birth);
        Assert.Null(result.Accounts.Single(a => a.AccountId == "UP4").Phone);
        Assert.Equal("ETH", result.Accounts.Single(a => a.AccountId == "UP8").Holdings.Single().Asset);
        var problems = result.Problems.GroupBy(p => p.Line).ToDictionary(g => g.Key, g => string.Join(" | ", g.Select(p => p.Reason)));
        Assert.Contains("no account id", problems[3]);
        Assert.Contains("not a non-negative number", problems[4]);
        Assert.Contains("is not yyyy-MM-dd", problems[5]);
        Assert.Contains("not a mobile number", problems[6]);
        Assert.Contains("already listed at line 2", problems[7]);
        Assert.Contains("account UP1 is left as it was", problems[7]);
        Assert.Contains("not a non-negative number", problems[8]);
        Assert.False(problems.ContainsKey(9));  // 1 available + 2 locked: a total of 3, as upbit counts
        Assert.Contains("number of fields", problems[10]);
        Assert.Contains("account id (회원번호) is not an id", problems[12]);
        Assert.All(result.Problems, p => Assert.Equal("upbit.csv", p.File));
        Assert.Equal([false, false], result.Problems.Where(p => p.Line is 5 or 6).Select(p => p.Rejected));
    }

    [Fact]
    public void Each_line_that_repeats_a_bad_holder_field_is_told_and_another_holder_on_an_account_is_noticed()
    {
        var path = Write("upbit.csv", Encoding.UTF8, """
            회원번호,성명,생년월일,휴대전화,자산,보유수량,주문중수량
            UP1,김철수,02/03/1985,010-1111-2222,BTC,1,0
            UP1,김철수,02/03/1985,010-1111-2222,ETH,2,0
            UP1,김철수,02/03/1985,010-1111-2222,XRP,3,0
            UP2,이영희,1990-01-02,010-3333-4444,BTC,1,0
            UP2,이영희,1990-01-02,01033334444,ETH,1,0
            UP2,박민수,1990-01-02,010-3333-4444,XRP,1,0
            """);

        var result = AccountFileReader.Read(path, Samples.Profiles["upbit"], Samples.RrnKey);

        Assert.Equal([2, 3, 4], result.Problems.Where(p => p.Reason.Contains("is not yyyy-MM-dd")).Select(p => p.Line));
        Assert.Equal(3, result.Accounts.Single(a => a.AccountId == "UP1").Holdings.Count);
        // Spelt otherwise, the same holder; a different name is another holder, and the first is kept.
        var up2 = result.Accounts.Single(a => a.AccountId == "UP2");
        Assert.Equal(("이영희", "01033334444"), (up2.Name, up2.Phone));
        Assert.Equal([7], result.Problems.Where(p => p.Reason.Contains("holder differs from line 5")).Select(p => p.Line));
        Assert.All(result.Problems, p => Assert.False(p.Rejected));
    }

    [Fact]
    public void A_row_of_ten_thousand_fields_or_cut_short_leaves_its_account_as_it_was()
    {
        var wide = "UP1,김철수,1980-01-02,010-1111-2222,ETH," + string.Join(",", Enumerable.Repeat("1", 10_000));
        var path = Write("upbit.csv", Encoding.UTF8, $"""
            회원번호,성명,생년월일,휴대전화,자산,보유수량,주문중수량
            UP1,김철수,1980-01-02,010-1111-2222,BTC,0.5,0
            {wide}
            UP2,이영희,1990-01-01,010-3333-4444,BTC,1,0
            """);

        var result = AccountFileReader.Read(path, Samples.Profiles["upbit"], Samples.RrnKey);

        Assert.Equal(["UP2"], result.Accounts.Select(a => a.AccountId));
        Assert.Contains(result.Problems, p => p.Line == 3 && p.Reason.Contains("number of fields", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Reason.Contains("account UP1 is left as it was", StringComparison.Ordinal));

        // The same file cut inside its last number: no line break after it, so that row is not believed.
        File.WriteAllText(path, File.ReadAllText(path).TrimEnd('\n') + "23");
        var cut = AccountFileReader.Read(path, Samples.Profiles["upbit"], Samples.RrnKey);
        Assert.DoesNotContain(cut.Accounts, a => a.AccountId == "UP2");
        Assert.Contains(cut.Problems, p => p.Line == 4 && p.Reason.Contains("cut short", StringComparison.Ordinal));
    }

    [Fact]
    public void An_account_left_as_it_was_is_told_at_its_first_rejected_row_whichever_way_the_rows_failed()
    {
        // Line 3 is refused by its content, line 4 by its number of fields: the notice names line 3.
        var path = Write("upbit.csv", Encoding.UTF8, """
            회원번호,성명,생년월일,휴대전화,자산,보유수량,주문중수량
            UP1,김철수,1980-01-02,010-1111-2222,BTC,0.5,0
            UP1,김철수,1980-01-02,010-1111-2222,ETH,-1,0
            UP1,김철수,1980-01-02,010-1111-2222,XRP,1,0,extra
            UP2,이영희,1990-01-01,010-3333-4444,BTC,1,0
            """);

        var result = AccountFileReader.Read(path, Samples.Profiles["upbit"], Samples.RrnKey);

        Assert.Equal(["UP2"], result.Accounts.Select(a => a.AccountId));
        Assert.Equal(4, result.Rows);
        Assert.Equal([3, 3, 4], result.Problems.Select(p => p.Line).Order());
        Assert.Contains("(line 3)", result.Problems.Single(p => p.Reason.Contains("left as it was", StringComparison.Ordinal)).Reason);
    }

    [Fact]
    public void An_asset_listed_twice_is_caught_however_many_assets_the_account_has()
    {
        var assets = Enumerable.Range(0, 40).Select(i => $"UP1,김철수,1980-01-02,010-1111-2222,A{i},1,0");
        var path = Write("upbit.csv", Encoding.UTF8, string.Join("\n", ["회원번호,성명,생년월일,휴대전화,자산,보유수량,주문중수량", .. assets, "UP1,김철수,1980-01-02,010-1111-2222,a3,2,0", "UP1,김철수,1980-01-02,010-1111-2222,A30,2,0", "UP2,이영희,1990-01-01,010-3333-4444,BTC,1,0"]));

        var result = AccountFileReader.Read(path, Samples.Profiles["upbit"], Samples.RrnKey);

        Assert.Equal(["UP2"], result.Accounts.Select(a => a.AccountId));
        Assert.Equal(
            ["asset A3 of account UP1 already listed at line 5", "asset A30 of account UP1 already listed at line 32"],
            result.Problems.Where(p => p.Reason.StartsWith("asset", StringComparison.Ordinal)).Select(p => p.Reason));
    }

    [Fact]
    public void Rows_far_apart_in_a_long_file_are_decided_in_line_order()
    {
        // Rows are made out in blocks of a few thousand on several threads: what depends on an
        // earlier row (the holder kept, an asset listed twice, an account left as it was) must still
        // go by line order when the earlier row lies many blocks before.
        const int Accounts = 6_000;
        var first = Enumerable.Range(0, Accounts).Select(i => $"UP{i},김철수,1980-01-02,010-1111-{i % 10_000:D4},BTC,{i}.5,0");
        var second = Enumerable.Range(0, Accounts).Select(i => (i % 3) switch
        {
            0 => $"UP{i},박민수,1980-01-02,010-1111-{i % 10_000:D4},ETH,1,0",
            1 => $"UP{i},김철수,1980-01-02,010-1111-{i % 10_000:D4},BTC,2,0",
            _ => $"UP{i},김철수,1980-01-02,010-1111-{i % 10_000:D4},XRP,-1,0",
        });
        var path = Write("upbit.csv", Encoding.UTF8, string.Join("\n", ["회원번호,성명,생년월일,휴대전화,자산,보유수량,주문중수량", .. first, .. second]));

        var result = AccountFileReader.Read(path, Samples.Profiles["upbit"], Samples.RrnKey);

        // Account i's rows are at lines i + 2 and i + 2 + Accounts.
        var kept = result.Accounts.ToDictionary(a => a.AccountId);
        Assert.Equal(Accounts / 3, kept.Count);
        Assert.All(Enumerable.Range(0, Accounts).Where(i => i % 3 == 0), i =>
        {
            Assert.Equal("김철수", kept[$"UP{i}"].Name);
            Assert.Equal([new Holding("BTC", i + 0.5m, 0), new Holding("ETH", 1, 0)], kept[$"UP{i}"].Holdings);
        });
        var told = result.Problems.ToLookup(p => p.Line, p => p.Reason);
        Assert.All(Enumerable.Range(0, Accounts), i =>
        {
            var (line, later) = (i + 2, i + 2 + Accounts);
            string[] expected = (i % 3) switch
            {
                0 => [$"account UP{i}'s holder differs from line {line}; the first is kept"],
                1 => [$"asset BTC of account UP{i} already listed at line {line}", $"account UP{i} is left as it was: a row of it was rejected (line {later}); send the file again when it is right"],
                _ => ["quantity '-1' or locked '0' is not a non-negative number", $"account UP{i} is left as it was: a row of it was rejected (line {later}); send the file again when it is right"],
            };
            Assert.Equal(expected, told[later]);
            Assert.Empty(told[line]);
        });
        Assert.Equal(result.Problems.OrderBy(p => p.Line).Select(p => p.Line), result.Problems.Select(p => p.Line));
    }

    [Fact]
    public void A_header_with_terminal_escapes_is_quoted_without_them()
    {
        var path = Write("upbit.csv", Encoding.UTF8, "\u001b[2J\u001b]0;owned\u0007회원번호,성명\nUP1,김철수");

        var refused = Assert.Throws<InvalidDataException>(() => AccountFileReader.Read(path, Samples.Profiles["upbit"], Samples.RrnKey));

        Assert.DoesNotContain('\u001b', refused.Message);
        Assert.DoesNotContain('\u0007', refused.Message);
        Assert.Contains("?[2J", refused.Message);
    }

    [Fact]
    public void Locked_beyond_the_total_is_refused_where_the_quantity_is_the_total()
    {
        var path = Write("gopax.csv", Encoding.GetEncoding(949), """
            고객번호,고객명,생년월일,연락처,코인,총수량,동결수량
            G1,전정수,1987.08.28,010 9338 2486,KRW,100,200
            G2,김희준,1992.08.15,010 5432 3836,SOL,19.2,9.6
            """);

        var result = AccountFileReader.Read(path, Samples.Profiles["gopax"], Samples.RrnKey);

        Assert.Equal(["G2"], result.Accounts.Select(a => a.AccountId));
        Assert.Contains("locked 200 exceeds the total 100", Assert.Single(result.Problems).Reason);
        Assert.Equal("전정수", File.ReadAllText(path, Encoding.GetEncoding(949)).Split('\n')[1].Split(',')[1]);
    }

    [Fact]
    public void A_quantity_beyond_any_real_holding_refuses_its_row_not_the_file()
    {
        // upbit's total is the available and the locked quantity added: two this large would overflow.
        var path = Write("upbit.csv", Encoding.UTF8, """
            회원번호,성명,생년월일,휴대전화,자산,보유수량,주문중수량
            UP1,김철수,1980-01-02,010-1111-2222,BTC,7e28,7e28
            UP2,이영희,1990-01-01,010-3333-4444,BTC,1,0
            """);

        var result = AccountFileReader.Read(path, Samples.Profiles["upbit"], Samples.RrnKey);

        Assert.Equal(["UP2"], result.Accounts.Select(a => a.AccountId));
        Assert.Contains("beyond any real holding", result.Problems.Single(p => p.Line == 2).Reason);
    }

    [Fact]
    public void A_file_in_the_wrong_encoding_or_with_the_wrong_separator_is_refused_whole_with_the_reason()
    {
        var wrongEncoding = Write("bithumb.csv", Encoding.UTF8, File.ReadAllText(Samples.File("bithumb.csv"), Encoding.GetEncoding(949)));
        var utf8Profile = Samples.Profiles["bithumb"] with { Encoding = "utf-8" };
        var error = Assert.Throws<InvalidDataException>(() => AccountFileReader.Read(Samples.File("bithumb.csv"), utf8Profile, Samples.RrnKey));
        Assert.Contains("lacks the column(s)", error.Message);
        Assert.Contains("encoding", error.Message);

        Assert.NotEmpty(AccountFileReader.Read(wrongEncoding, utf8Profile, Samples.RrnKey).Accounts);

        var semicolons = Samples.Profiles["upbit"] with { Delimiter = ';' };
        Assert.Throws<InvalidDataException>(() => AccountFileReader.Read(Samples.File("upbit.csv"), semicolons, Samples.RrnKey));
    }

    [Fact]
    public void An_empty_file_is_refused_with_the_reason()
    {
        var error = Assert.Throws<InvalidDataException>(() => AccountFileReader.Read(Write("empty.csv", Encoding.UTF8, ""), Samples.Profiles["upbit"], Samples.RrnKey));
        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void Profiles_are_checked_when_loaded()
    {
        var profile = Write("newex.json", Encoding.UTF8, """{ "exchange": "other", "encoding": "utf-8", "delimiter": ",", "columns": { "accountId": "a", "asset": "b", "quantity": "c", "locked": "d" }, "quantityMeaning": "total" }""");
        Assert.Contains("must be named after it", Assert.Throws<InvalidDataException>(() => ExchangeProfile.Load(profile)).Message);

        var incomplete = Write("x.json", Encoding.UTF8, """{ "exchange": "x", "encoding": "utf-8", "delimiter": ",", "columns": { "accountId": "a" }, "quantityMeaning": "total" }""");
        Assert.Throws<InvalidDataException>(() => ExchangeProfile.Load(incomplete));

        var unknownField = Write("y.json", Encoding.UTF8, """{ "exchange": "y", "encodng": "utf-8" }""");
        Assert.Contains("not valid", Assert.Throws<InvalidDataException>(() => ExchangeProfile.Load(unknownField)).Message);
    }

    private string Write(string name, Encoding encoding, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text.ReplaceLineEndings("\n") + (text.Length > 0 ? "\n" : ""), encoding);
        return path;
    }
}
