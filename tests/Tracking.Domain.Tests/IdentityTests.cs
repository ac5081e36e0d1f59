using Tracking.Domain.Identity;

namespace Tracking.Domain.Tests;

public sealed class IdentityTests
{
    [Theory]
    [InlineData("010-9452-8313", "01094528313")]
    [InlineData("01094528313", "01094528313")]
    [InlineData("010 9452 8313", "01094528313")]
    [InlineData("+82-10-9452-8313", "01094528313")]
    [InlineData("+82 10 9452 8313", "01094528313")]
    [InlineData("", null)]
    [InlineData("02-123-4567", null)]
    [InlineData("8210945283", null)]
    [InlineData("+82 010 9452 8313 0", null)]
    [InlineData("010-9452-8313-0000-0000", null)]
    [InlineData("tel. 010.9452.8313 (mobile)", "01094528313")]
    public void Phones_are_normalised_whatever_their_layout(string text, string? expected) =>
        Assert.Equal(expected, PhoneNumber.Normalize(text));

    [Theory]
    [InlineData("2003-05-26", "yyyy-MM-dd", 20, 3, 5, 26)]
    [InlineData("19940513", "yyyyMMdd", 19, 94, 5, 13)]
    [InlineData("1994.05.13", "yyyy.MM.dd", 19, 94, 5, 13)]
    public void Full_birth_dates_keep_their_century(string text, string pattern, int century, int year, int month, int day) =>
        Assert.Equal(new BirthDate(century, year, month, day), BirthDate.Parse(text, pattern));

    [Fact]
    public void A_two_digit_year_leaves_the_century_open_and_is_resolved_against_the_taxpayers()
    {
        var exchange = BirthDate.Parse("030526", "yyMMdd")!.Value;
        Assert.Null(exchange.Century);
        Assert.Equal(Agreement.Agrees, BirthDate.Of(new DateOnly(2003, 5, 26)).Compare(exchange));
        Assert.Equal(Agreement.Agrees, BirthDate.Of(new DateOnly(1903, 5, 26)).Compare(exchange));
        Assert.Equal(Agreement.Differs, BirthDate.Of(new DateOnly(2003, 6, 27)).Compare(exchange));
        Assert.NotNull(BirthDate.Parse("000229", "yyMMdd"));
    }

    [Theory]
    [InlineData("1980-04-07", "1980-04-07", Agreement.Agrees)]
    [InlineData("1980-04-07", "1980-04-08", Agreement.Near)]
    [InlineData("1980-04-07", "1980-07-04", Agreement.Near)]
    [InlineData("1980-04-07", "1890-04-07", Agreement.Differs)]
    [InlineData("1980-04-07", "1981-05-07", Agreement.Differs)]
    public void Birth_dates_one_typo_apart_are_near(string a, string b, Agreement expected) =>
        Assert.Equal(expected, BirthDate.Of(DateOnly.Parse(a)).Compare(BirthDate.Of(DateOnly.Parse(b))));

    [Theory]
    [InlineData("20030526", "yyMMdd")]
    [InlineData("26.05.2003", "yyyy.MM.dd")]
    [InlineData("2003-02-30", "yyyy-MM-dd")]
    public void Malformed_birth_dates_are_not_guessed(string text, string pattern) =>
        Assert.Null(BirthDate.Parse(text, pattern));

    [Fact]
    public void A_resident_registration_number_leaves_only_as_keyed_hash_and_mask()
    {
        var rrn = ResidentRegistrationNumber.Parse("900101-1234567", out var problem)!;
        Assert.Null(problem);
        Assert.Equal("900101-1******", rrn.Masked);
        Assert.Equal("900101-1******", rrn.ToString());
        Assert.Equal(new DateOnly(1990, 1, 1), rrn.BirthDate);

        var key = "k1"u8.ToArray();
        var hash = rrn.Hash(key);
        Assert.Equal(64, hash.Length);
        Assert.DoesNotContain("1234567", hash);
        Assert.Equal(hash, ResidentRegistrationNumber.Parse("9001011234567", out _)!.Hash(key));
        Assert.NotEqual(hash, rrn.Hash("k2"u8.ToArray()));
    }

    // Numbers are looked up by a label, so that no registration number appears in test output.
    private static readonly Dictionary<string, string> s_numbers = new()
    {
        ["born 2003, woman"] = "030526-4815908",
        ["born 1982, woman"] = "820708-2186093",
        ["born 1982, foreign woman"] = "820708-6186093",
        ["one digit short"] = "900101-123456",
        ["month 13"] = "901301-1234567",
        ["letters for a date"] = "ABCDEF-1234567",
        ["empty"] = "",
        ["fourteen digits"] = "900101-12345678",
        ["a letter among the digits"] = "900101-12345A7",
        ["spaces and dashes"] = " 900101 - 1234567 ",
    };

    [Theory]
    [InlineData("born 2003, woman", 2003)]
    [InlineData("born 1982, woman", 1982)]
    [InlineData("born 1982, foreign woman", 1982)]
    [InlineData("spaces and dashes", 1990)]
    public void The_gender_digit_gives_the_century(string number, int year) =>
        Assert.Equal(year, ResidentRegistrationNumber.Parse(s_numbers[number], out _)!.BirthDate.Year);

    [Theory]
    [InlineData("one digit short")]
    [InlineData("month 13")]
    [InlineData("letters for a date")]
    [InlineData("empty")]
    [InlineData("fourteen digits")]
    [InlineData("a letter among the digits")]
    public void Malformed_numbers_are_refused_without_echoing_them(string number)
    {
        Assert.Null(ResidentRegistrationNumber.Parse(s_numbers[number], out var problem));
        Assert.NotNull(problem);
        Assert.DoesNotContain("123456", problem);
    }

    [Theory]
    [InlineData("최연태", "최", "ㅊㅚㅇㅕㄴㅌㅐ", "ㅊㅇㅌ", "choeyeontae")]
    [InlineData("이수윤", "이", "ㅇㅣㅅㅜㅇㅠㄴ", "ㅇㅅㅇ", "isuyun")]
    [InlineData("남궁민수", "남궁", "ㄴㅏㅁㄱㅜㅇㅁㅣㄴㅅㅜ", "ㄴㄱㅁㅅ", "namgungminsu")]
    public void Hangul_names_decompose_into_jamo_and_romanize(string name, string surname, string jamo, string initials, string roman)
    {
        Assert.Equal(surname, Surnames.Split(name).Surname);
        Assert.Equal(jamo, Hangul.Jamo(name));
        Assert.Equal(initials, Hangul.Initials(name));
        Assert.Equal(roman, Hangul.Romanize(name));
    }

    [Theory]
    [InlineData("이수윤", "이수윤", NameAgreement.Exact)]
    [InlineData("이수윤", "이 수윤", NameAgreement.Exact)]
    [InlineData("박혜민", "박혀민", NameAgreement.Near)]
    [InlineData("최연지", "쵤연지", NameAgreement.Near)]
    [InlineData("김지훈", "김지현", NameAgreement.Near)]
    [InlineData("최승경", "최준수", NameAgreement.Partial)]
    [InlineData("최승경", "김승경", NameAgreement.Partial)]
    [InlineData("최승경", "김준수", NameAgreement.Differs)]
    [InlineData("최연태", "CHOE YEON TAE", NameAgreement.Romanized)]
    [InlineData("최연태", "YEONTAE CHOI", NameAgreement.Romanized)]
    [InlineData("이수윤", "LEE SOOYUN", NameAgreement.Romanized)]
    [InlineData("이수윤", "YI SU-YUN", NameAgreement.Romanized)]
    [InlineData("이수윤", "RHEE SUYUN", NameAgreement.Romanized)]
    [InlineData("이수윤", "I SUYUN", NameAgreement.Romanized)]
    [InlineData("정혜주", "JUNG HYEJU", NameAgreement.Romanized)]
    [InlineData("이수윤", "KIM SUYUN", NameAgreement.Partial)]
    [InlineData("이수윤", "LEE SUYEON", NameAgreement.Near)]
    [InlineData("이희우", "HEE-WOO LEE", NameAgreement.Near)]
    [InlineData("정연우", "YUNWOO CHUNG", NameAgreement.Near)]
    [InlineData("정연우", "YEONWOO JEONG", NameAgreement.Romanized)]
    [InlineData("김연아", "KIM YUNA", NameAgreement.Near)]
    [InlineData("김여진", "KIM YUJIN", NameAgreement.Near)]
    [InlineData("김수인", "KIM SOOIN", NameAgreement.Romanized)]
    [InlineData("김수인", "KIM SIN", NameAgreement.Near)]
    [InlineData("김서연", "SUHYEON GIM", NameAgreement.Partial)]
    [InlineData("김서연", "PARK JIHOON", NameAgreement.Differs)]
    [InlineData("이수윤", "LEE JIHOON", NameAgreement.Partial)]
    [InlineData("michaela neumann", "NEUMANN MICHAELA", NameAgreement.Exact)]
    [InlineData("michaela neumann", "michaela neumannn", NameAgreement.Near)]
    [InlineData("michaela neumann", "courtney painter", NameAgreement.Differs)]
    [InlineData("LIAM HEMMINGS", "LUCY HEMSMINGS", NameAgreement.Partial)]
    [InlineData("ADAM SMITHSON", "ADAM WESTBROOK", NameAgreement.Partial)]
    [InlineData("ADAM SMITHSON", "ADA WESTBROOK", NameAgreement.Differs)]
    [InlineData("이수윤", "", NameAgreement.Missing)]
    public void Names_compare_across_scripts(string a, string b, NameAgreement expected)
    {
        Assert.Equal(expected, NameComparer.Compare(PersonName.Parse(a), PersonName.Parse(b)));
        Assert.Equal(expected, NameComparer.Compare(PersonName.Parse(b), PersonName.Parse(a)));
    }

    [Fact]
    public void Latin_surnames_lead_back_to_every_hangul_surname_they_can_spell()
    {
        Assert.Equal(["이"], Surnames.FromLatin("RHEE"));
        Assert.Contains("류", Surnames.FromLatin("YU"));
        Assert.Contains("유", Surnames.FromLatin("YU"));
        Assert.Empty(Surnames.FromLatin("NEUMANN"));
    }

    [Fact]
    public void Edit_distances_count_typos()
    {
        Assert.Equal(0, EditDistance.Between("abc", "abc"));
        Assert.Equal(1, EditDistance.Between("abc", "acb"));
        Assert.Equal(1, EditDistance.Between("abc", "abcd"));
        Assert.Equal(3, EditDistance.Between("", "abc"));
        Assert.Equal(1.0, EditDistance.JaroWinkler("MARTHA", "MARTHA"));
        Assert.InRange(EditDistance.JaroWinkler("MARTHA", "MARHTA"), 0.96, 0.962);
        Assert.Equal(0.0, EditDistance.JaroWinkler("ABC", "XYZ"));
    }

    [Fact]
    public void Edit_distances_are_the_whole_tables_at_every_length()
    {
        // Short names, and strings long enough that the rows no longer fit on the stack; few
        // letters, so that transpositions and repeats are common.
        var random = new Random(20261206);
        string Text(int most) => new([.. Enumerable.Range(0, random.Next(most + 1)).Select(_ => "abcd"[random.Next(4)])]);
        for (var n = 0; n < 3_000; n++)
        {
            var (a, b) = n % 10 == 0 ? (Text(120), Text(120)) : (Text(8), Text(8));
            Assert.True(WholeTable(a, b) == EditDistance.Between(a, b), $"'{a}' and '{b}'");
        }

        Assert.Equal(3, EditDistance.Between("ca", "abc"));
        Assert.Equal(1, EditDistance.Between("김철수", "김철쑤"));
    }

    [Theory]
    [InlineData("kim, min-su", NameScript.Latin, "KIM MIN SU")]
    [InlineData("O'Brien 3rd", NameScript.Latin, "OBRIEN RD")]
    [InlineData("123 --", NameScript.Missing, "")]
    [InlineData(" 김 민 준 ", NameScript.Hangul, "김민준")]
    [InlineData("김민준2", NameScript.Hangul, "김민준")]
    [InlineData("김민준", NameScript.Hangul, "김민준")]
    public void A_name_keeps_its_letters_or_syllables(string text, NameScript script, string compact)
    {
        var name = PersonName.Parse(text);
        Assert.Equal(script, name.Script);
        Assert.Equal(compact, name.Compact);
        Assert.Equal(script == NameScript.Latin ? compact.Split(' ') : [], name.Tokens);
    }

    [Fact]
    public void A_birth_date_gives_its_digits()
    {
        Assert.Equal("850309", new BirthDate(19, 85, 3, 9).Yymmdd);
        Assert.Equal("19850309", new BirthDate(19, 85, 3, 9).Digits);
        Assert.Equal("001231", new BirthDate(null, 0, 12, 31).Yymmdd);
        Assert.Equal("001231", new BirthDate(null, 0, 12, 31).Digits);

        // No parsed date has numbers of three digits; one made by hand keeps them all.
        Assert.Equal("1000101", new BirthDate(null, 100, 1, 1).Yymmdd);
    }

    /// <summary>The distance <see cref="EditDistance.Between"/> measures, worked out on the whole table.</summary>
    private static int WholeTable(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            for (var j = 0; j <= b.Length; j++)
            {
                d[i, j] = i == 0 ? j
                    : j == 0 ? i
                    : Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
