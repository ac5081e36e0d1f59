using System.Text;

namespace Tracking.Domain.Identity;

/// <summary>
/// Folds the spelling choices of romanized Korean names onto one form, so that JEONG, JUNG and
/// CHUNG compare as one: vowel spellings (EO/O, EU/U, OO/U, WOO/U, EE/I, UI/I, AE/E), voicing
/// (K/G, T/D, P/B, CH/J), L/R and doubled letters. The folds are applied until none changes the
/// name, so that their order does not matter (SOOIN and SUIN both end as SIN).
/// </summary>
public static class LatinSpelling
{
    private static readonly (string From, string To)[] s_folds =
    [
        ("CH", "J"), ("SH", "S"), ("WOO", "U"), ("EE", "I"), ("EO", "O"), ("EU", "U"), ("OO", "U"), ("OU", "U"), ("UI", "I"), ("AE", "E"),
        ("K", "G"), ("T", "D"), ("P", "B"), ("L", "R"),
    ];

    /// <summary>
    /// The skeletons a Korean name's standard romanization may be written as: its own, and with ㅕ
    /// written YU (연 as YUN, as in Kim Yuna). One way only: a name written YEO is not taken for ㅠ.
    /// </summary>
    public static IReadOnlyList<string> SkeletonsOfRomanized(string romanized) =>
        [.. new[] { Skeleton(romanized), Skeleton(romanized.ToUpperInvariant().Replace("YEO", "YU", StringComparison.Ordinal)) }.Distinct()];

    public static string Skeleton(string latin)
    {
        var text = new StringBuilder(latin.Length);
        foreach (var c in latin)
        {
            if (char.IsAsciiLetter(c))
            {
                text.Append(char.ToUpperInvariant(c));
            }
        }

        string before;
        do
        {
            before = text.ToString();
            foreach (var (from, to) in s_folds)
            {
                text.Replace(from, to);
            }
        }
        while (text.ToString() != before);

        // Doubled letters carry no distinction in romanized names (KK/GG, SS, PP).
        for (var i = text.Length - 1; i > 0; i--)
        {
            if (text[i] == text[i - 1])
            {
                text.Remove(i, 1);
            }
        }

        return text.ToString();
    }
}
