using System.Text;

namespace Tracking.Domain.Identity;

/// <summary>
/// Folds the spelling choices of romanized Korean names onto one form, so that JEONG, JUNG and
/// CHUNG compare as one: vowel spellings (EO/O, EU/U, OO/U, EE/I, AE/E), voicing (K/G, T/D, P/B,
/// CH/J), L/R and doubled letters.
/// </summary>
public static class LatinSpelling
{
    private static readonly (string From, string To)[] s_folds =
    [
        ("CH", "J"), ("SH", "S"), ("EO", "O"), ("EU", "U"), ("OO", "U"), ("OU", "U"), ("EE", "I"), ("AE", "E"),
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
