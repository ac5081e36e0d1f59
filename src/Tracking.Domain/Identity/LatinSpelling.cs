using System.Text;

namespace Tracking.Domain.Identity;

/// <summary>
/// Folds the spelling choices of romanized Korean names onto one form, so that JEONG, JUNG and
/// CHUNG compare as one: vowel spellings (EO/O, EU/U, OO/U, WOO/U, EE/I, AE/E), voicing (K/G,
/// T/D, P/B, CH/J), L/R and doubled letters. Order matters: WOO before OO, EE before EU (HEEWOO is
/// HIU, not HEU). Spellings that could be another vowel (YU for ㅕ, EE for ㅢ) are not folded: they
/// stay a letter apart, a near name that a person looks at.
/// </summary>
public static class LatinSpelling
{
    private static readonly (string From, string To)[] s_folds =
    [
        ("CH", "J"), ("SH", "S"), ("WOO", "U"), ("EE", "I"), ("EO", "O"), ("EU", "U"), ("OO", "U"), ("OU", "U"), ("AE", "E"),
        ("K", "G"), ("T", "D"), ("P", "B"), ("L", "R"),
    ];

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

        foreach (var (from, to) in s_folds)
        {
            text.Replace(from, to);
        }

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
