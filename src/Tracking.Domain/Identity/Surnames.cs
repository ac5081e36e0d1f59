namespace Tracking.Domain.Identity;

/// <summary>
/// How Korean surnames are written in Latin letters in passports and exchange records, where
/// custom departs from the Revised Romanization (이 → LEE, YI, RHEE, I; 박 → PARK; 최 → CHOI …).
/// </summary>
public static class Surnames
{
    private static readonly Dictionary<string, string[]> s_spellings = new()
    {
        ["김"] = ["KIM", "GIM", "KHIM"],
        ["이"] = ["LEE", "YI", "RHEE", "I", "RHIE", "YEE", "LIE", "RI", "LI"],
        ["박"] = ["PARK", "BAK", "PAK", "BARK", "PARQ"],
        ["최"] = ["CHOI", "CHOE", "CHOY", "CHOEI"],
        ["정"] = ["JUNG", "JEONG", "CHUNG", "CHEONG", "JOUNG", "CHONG"],
        ["강"] = ["KANG", "GANG"],
        ["조"] = ["CHO", "JO", "JOH", "CHOH"],
        ["윤"] = ["YOON", "YUN", "YOUN"],
        ["장"] = ["JANG", "CHANG"],
        ["임"] = ["LIM", "IM", "YIM", "RIM"],
        ["한"] = ["HAN"],
        ["오"] = ["OH", "O"],
        ["서"] = ["SEO", "SUH", "SEOH", "SO"],
        ["신"] = ["SHIN", "SIN"],
        ["권"] = ["KWON", "GWON", "KUON"],
        ["황"] = ["HWANG", "WHANG"],
        ["안"] = ["AHN", "AN"],
        ["송"] = ["SONG"],
        ["류"] = ["RYU", "YOO", "YU", "RYOO", "LYU", "RYOU"],
        ["유"] = ["YOO", "YU", "YOU"],
        ["전"] = ["JEON", "JUN", "CHUN", "CHEON", "JEUN"],
        ["홍"] = ["HONG"],
        ["고"] = ["KO", "GO", "KOH"],
        ["문"] = ["MOON", "MUN"],
        ["양"] = ["YANG", "RYANG"],
        ["손"] = ["SON", "SOHN"],
        ["배"] = ["BAE", "BAI", "PAE"],
        ["백"] = ["BAEK", "BAIK", "PAIK", "PAEK"],
        ["허"] = ["HEO", "HUH", "HUR", "HEOH"],
        ["노"] = ["NOH", "NO", "RHO", "ROH", "RO"],
        ["남"] = ["NAM"],
        ["심"] = ["SIM", "SHIM"],
        ["하"] = ["HA"],
        ["곽"] = ["KWAK", "GWAK"],
        ["성"] = ["SUNG", "SEONG"],
        ["차"] = ["CHA"],
        ["주"] = ["JU", "JOO", "CHOO", "CHU"],
        ["우"] = ["WOO", "U"],
        ["구"] = ["KOO", "GU", "KU"],
        ["민"] = ["MIN"],
        ["진"] = ["JIN", "CHIN"],
        ["나"] = ["NA", "RA"],
        ["지"] = ["JI", "CHI"],
        ["엄"] = ["UM", "EOM", "EUM"],
        ["채"] = ["CHAE", "CHAI"],
        ["원"] = ["WON"],
        ["천"] = ["CHEON", "CHUN"],
        ["방"] = ["BANG", "PANG"],
        ["공"] = ["KONG", "GONG"],
        ["현"] = ["HYUN", "HYEON"],
        ["함"] = ["HAM"],
        ["변"] = ["BYUN", "BYEON", "PYUN"],
        ["염"] = ["YEOM", "YUM", "YOUM"],
        ["여"] = ["YEO", "YOE", "YUH"],
        ["추"] = ["CHOO", "CHU"],
        ["도"] = ["DO", "DOH", "TO"],
        ["석"] = ["SEOK", "SUK"],
        ["선"] = ["SUN", "SEON"],
        ["설"] = ["SEOL", "SUL"],
        ["마"] = ["MA"],
        ["길"] = ["GIL", "KIL"],
        ["연"] = ["YEON", "YUN", "YOUN"],
        ["위"] = ["WI", "WEE"],
        ["표"] = ["PYO"],
        ["명"] = ["MYUNG", "MYEONG"],
        ["기"] = ["KI", "GI"],
        ["반"] = ["BAN", "PAN"],
        ["왕"] = ["WANG"],
        ["금"] = ["KEUM", "GEUM", "KUM"],
        ["옥"] = ["OK"],
        ["육"] = ["YUK", "YOOK"],
        ["인"] = ["IN"],
        ["맹"] = ["MAENG"],
        ["제"] = ["JE"],
        ["모"] = ["MO"],
        ["탁"] = ["TAK"],
        ["국"] = ["KOOK", "GUK", "KUK"],
        ["은"] = ["EUN"],
        ["편"] = ["PYUN", "PYEON"],
        ["용"] = ["YONG"],
        ["예"] = ["YE"],
        ["경"] = ["KYUNG", "GYEONG"],
        ["봉"] = ["BONG"],
        ["사"] = ["SA"],
        ["부"] = ["BOO", "BU"],
        ["황보"] = ["HWANGBO"],
        ["남궁"] = ["NAMGOONG", "NAMGUNG"],
        ["제갈"] = ["JEGAL"],
        ["선우"] = ["SUNWOO", "SEONU"],
        ["독고"] = ["DOKGO"],
        ["사공"] = ["SAGONG"],
    };

    private static readonly Dictionary<string, string[]> s_byLatin = s_spellings
        .SelectMany(p => p.Value.Append(Hangul.Romanize(p.Key).ToUpperInvariant()).Distinct().Select(latin => (Latin: latin, Hangul: p.Key)))
        .GroupBy(x => x.Latin)
        .ToDictionary(g => g.Key, g => g.Select(x => x.Hangul).Distinct().ToArray());

    /// <summary>Splits a Hangul full name into surname and given name; two-syllable surnames are recognised.</summary>
    public static (string Surname, string Given) Split(string hangulName)
    {
        var name = Hangul.SyllablesOf(hangulName);
        if (name.Length >= 4 && s_spellings.ContainsKey(name[..2]))
        {
            return (name[..2], name[2..]);
        }

        return name.Length == 0 ? ("", "") : (name[..1], name[1..]);
    }

    /// <summary>Every Latin spelling of a Hangul surname: the customary ones and the Revised Romanization.</summary>
    public static IEnumerable<string> Spellings(string hangulSurname) =>
        (s_spellings.TryGetValue(hangulSurname, out var spellings) ? spellings : []).Append(Hangul.Romanize(hangulSurname).ToUpperInvariant()).Distinct();

    /// <summary>The Hangul surnames a Latin token can stand for (LEE → 이; YU → 류, 유).</summary>
    public static IReadOnlyList<string> FromLatin(string latinToken) =>
        s_byLatin.TryGetValue(latinToken.ToUpperInvariant(), out var surnames) ? surnames : [];
}
