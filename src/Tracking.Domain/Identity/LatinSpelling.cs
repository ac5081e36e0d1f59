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
        var text = string.Create(latin.Count(char.IsAsciiLetter), latin, static (letters, from) =>
        {
            var i = 0;
            foreach (var c in from)
            {
                if (char.IsAsciiLetter(c))
                {
                    letters[i++] = char.ToUpperInvariant(c);
                }
            }
        });

        // string.Replace finds nothing fast and allocates nothing then: most folds find nothing.
        foreach (var (from, to) in s_folds)
        {
            text = text.Replace(from, to, StringComparison.Ordinal);
        }

        // Doubled letters carry no distinction in romanized names (KK/GG, SS, PP).
        Span<char> single = text.Length <= 128 ? stackalloc char[text.Length] : new char[text.Length];
        var length = 0;
        foreach (var c in text)
        {
            if (length == 0 || single[length - 1] != c)
            {
                single[length++] = c;
            }
        }

        return length == text.Length ? text : new string(single[..length]);
    }
}
