using System.Globalization;
using System.Text;

namespace Tracking.TestingHost;

/// <summary>
/// Writes a synthetic roll and five exchanges' account lists in their real layouts and encodings,
/// with the true owner pairs. Names follow the Korean surname distribution, so namesakes born the
/// same day occur as they do in life; some owners' records carry a new phone, a typo in the name, a
/// romanized name or no birth date; most accounts belong to people who are not on the roll.
/// </summary>
public sealed class PopulationGenerator(int taxpayers, int accountRows, int seed)
{
    private static readonly (string Surname, int Weight)[] s_surnames =
    [
        ("김", 215), ("이", 147), ("박", 84), ("최", 47), ("정", 44), ("강", 23), ("조", 21), ("윤", 20), ("장", 20), ("임", 17),
        ("한", 15), ("오", 15), ("서", 15), ("신", 14), ("권", 14), ("황", 14), ("안", 13), ("송", 13), ("류", 12), ("전", 11),
        ("홍", 11), ("고", 9), ("문", 9), ("양", 9), ("손", 9), ("배", 8), ("백", 8), ("허", 7), ("유", 7), ("남", 6),
    ];

    private static readonly string[] s_syllables =
    [
        "민", "서", "지", "수", "현", "준", "영", "은", "정", "우", "하", "윤", "연", "진", "성", "혜", "주", "동", "태", "경",
        "승", "재", "희", "아", "원", "상", "미", "소", "예", "도", "유", "채", "시", "건", "나", "다", "호", "석", "규", "혁",
    ];

    private static readonly string[] s_assets = ["KRW", "BTC", "ETH", "XRP", "SOL", "USDT", "ADA", "DOGE"];
    private readonly Random _random = new(seed);
    private readonly int[] _surnameCumulative = s_surnames.Select(s => s.Weight).Aggregate(new List<int>(), (acc, w) => { acc.Add((acc.Count == 0 ? 0 : acc[^1]) + w); return acc; }).ToArray();

    public sealed record Person(string Name, DateOnly Birth, string Phone, string Rrn);

    public static readonly (string Exchange, string File)[] Exchanges =
        [("upbit", "upbit.csv"), ("bithumb", "bithumb.csv"), ("coinone", "coinone.csv"), ("korbit", "korbit.tsv"), ("gopax", "gopax.csv")];

    /// <summary>Writes taxpayers.csv, tax_items.csv, the five exchange files and truth.csv into <paramref name="directory"/>.</summary>
    public void Write(string directory)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Directory.CreateDirectory(directory);
        var people = Enumerable.Range(0, taxpayers).Select(_ => NewPerson()).ToArray();
        WriteRoll(directory, people);

        var accountsPerExchange = accountRows / 3 / Exchanges.Length;
        using var truth = new StreamWriter(Path.Combine(directory, "truth.csv"));
        truth.WriteLine("taxpayer_id,exchange,account_id");
        foreach (var (exchange, file) in Exchanges)
        {
            var encoding = exchange is "bithumb" or "gopax" ? Encoding.GetEncoding(949) : new UTF8Encoding(exchange == "coinone");
            using var writer = new StreamWriter(Path.Combine(directory, file), false, encoding);
            writer.WriteLine(Header(exchange));
            for (var a = 0; a < accountsPerExchange; a++)
            {
                // About one account in six belongs to a taxpayer on the roll.
                var owner = _random.Next(6) == 0 ? _random.Next(people.Length) : -1;
                var person = owner >= 0 ? Vary(people[owner]) : NewPerson();
                var accountId = AccountId(exchange, a);
                if (owner >= 0)
                {
                    truth.WriteLine($"{TaxpayerId(owner)},{exchange},{accountId}");
                }

                var assets = 1 + _random.Next(5);
                var withRrn = _random.Next(10) < 7;
                foreach (var asset in s_assets.OrderBy(_ => _random.Next()).Take(assets))
                {
                    writer.WriteLine(Row(exchange, accountId, person, asset, withRrn));
                }
            }
        }
    }

    private static string TaxpayerId(int i) => $"T{i:D8}";

    private static string AccountId(string exchange, int i) => exchange switch
    {
        "upbit" => $"UP{i:D9}",
        "bithumb" => $"bt_{i:x8}",
        "coinone" => $"{10_000_000 + i}",
        "korbit" => $"KB-{i:D7}",
        _ => $"G{i:D8}",
    };

    private void WriteRoll(string directory, Person[] people)
    {
        using var roll = new StreamWriter(Path.Combine(directory, "taxpayers.csv"), false, new UTF8Encoding(false));
        using var items = new StreamWriter(Path.Combine(directory, "tax_items.csv"), false, new UTF8Encoding(false));
        roll.WriteLine("taxpayer_id,name,rrn,birth_date,phone,address");
        items.WriteLine("taxpayer_id,item_id,tax_type,principal_krw,penalty_krw,costs_krw,due_date");
        for (var i = 0; i < people.Length; i++)
        {
            var p = people[i];
            roll.WriteLine($"{TaxpayerId(i)},{p.Name},{p.Rrn},{p.Birth:yyyy-MM-dd},{p.Phone[..3]}-{p.Phone[3..7]}-{p.Phone[7..]},경기도 {_random.Next(1, 999)}");
            for (var k = 0; k < 1 + _random.Next(3); k++)
            {
                items.WriteLine($"{TaxpayerId(i)},{TaxpayerId(i)}-{k},지방소득세,{_random.Next(10_000, 5_000_000)},{_random.Next(0, 500_000)},{(_random.Next(4) == 0 ? 5000 : 0)},202{_random.Next(0, 6)}-0{_random.Next(1, 10)}-1{_random.Next(0, 9)}");
            }
        }
    }

    private Person NewPerson()
    {
        var pick = _random.Next(_surnameCumulative[^1]);
        var surname = s_surnames[Array.FindIndex(_surnameCumulative, c => pick < c)].Surname;
        var name = surname + s_syllables[_random.Next(s_syllables.Length)] + s_syllables[_random.Next(s_syllables.Length)];
        var birth = new DateOnly(1940, 1, 1).AddDays(_random.Next(0, 365 * 65));
        var phone = $"010{_random.Next(10_000_000, 100_000_000)}";
        var gender = (birth.Year >= 2000 ? 3 : 1) + _random.Next(2);
        var digits = $"{birth:yyMMdd}{gender}{_random.Next(0, 100_000):D5}";
        var weights = new[] { 2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5 };
        var check = (11 - digits.Select((c, i) => (c - '0') * weights[i]).Sum() % 11) % 10;
        return new Person(name, birth, phone, $"{digits[..6]}-{digits[6..]}{check}");
    }

    /// <summary>How an exchange may have recorded the owner: mostly as on the roll, sometimes not.</summary>
    private Person Vary(Person owner) => _random.Next(100) switch
    {
        < 80 => owner,
        < 90 => owner with { Phone = $"010{_random.Next(10_000_000, 100_000_000)}" },
        < 95 => owner with { Name = Typo(owner.Name) },
        _ => owner with { Name = Romanized(owner.Name) },
    };

    private string Typo(string name)
    {
        var i = 1 + _random.Next(name.Length - 1);
        var syllable = name[i] - 0xAC00;
        var vowel = syllable % 588 / 28;
        var other = (syllable - vowel * 28) + ((vowel + 1) % 21) * 28;
        return name[..i] + (char)(0xAC00 + other) + name[(i + 1)..];
    }

    private static string Romanized(string name)
    {
        var (surname, given) = Tracking.Domain.Identity.Surnames.Split(name);
        var spelling = Tracking.Domain.Identity.Surnames.Spellings(surname).First();
        return $"{spelling} {Tracking.Domain.Identity.Hangul.Romanize(given).ToUpperInvariant()}";
    }

    private static string Header(string exchange) => exchange switch
    {
        "upbit" => "회원번호,성명,생년월일,휴대전화,자산,보유수량,주문중수량",
        "bithumb" => "계정ID,이름,생년월일,연락처,코인,잔고,묶인수량",
        "coinone" => "user_no;user_name;date_of_birth;phone;coin;available;in_use",
        "korbit" => "account\tname\trrn\tmobile\tasset\tqty\tlocked",
        _ => "고객번호,고객명,생년월일,연락처,코인,총수량,동결수량",
    };

    private string Row(string exchange, string accountId, Person p, string asset, bool withRrn)
    {
        var quantity = (asset == "KRW" ? _random.Next(1_000, 50_000_000) : _random.NextDouble() * 100).ToString("0.########", CultureInfo.InvariantCulture);
        var phone = p.Phone;
        return exchange switch
        {
            "upbit" => $"{accountId},{p.Name},{p.Birth:yyyy-MM-dd},{phone[..3]}-{phone[3..7]}-{phone[7..]},{asset},{quantity},0",
            "bithumb" => $"{accountId},{p.Name},{p.Birth:yyMMdd},{phone},{asset.ToLowerInvariant()},{quantity},0",
            "coinone" => $"{accountId};{p.Name};{p.Birth:yyyyMMdd};+82-{phone[1..3]}-{phone[3..7]}-{phone[7..]};{asset};{quantity};0",
            "korbit" => $"{accountId}\t{p.Name}\t{(withRrn ? p.Rrn : "")}\t{phone[..3]}-{phone[3..7]}-{phone[7..]}\t{asset}\t{quantity}\t0",
            _ => $"{accountId},{p.Name},{p.Birth:yyyy.MM.dd},{phone[..3]} {phone[3..7]} {phone[7..]},{asset},{quantity},0",
        };
    }
}
