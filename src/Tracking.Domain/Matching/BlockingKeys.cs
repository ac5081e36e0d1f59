using Tracking.Domain.Identity;
using Tracking.Domain.Matching.Weights;

namespace Tracking.Domain.Matching;

/// <summary>
/// The keys under which taxpayers and accounts meet for comparison. Every plausible pair shares at
/// least one key, and a key is specific enough that blocks stay small at national scale:
/// RRN hash; phone; birth (YYMMDD) with the name's initial consonants (초성: typos in vowels and
/// finals keep it); birth with surname and folded romanized given name; for Latin names, birth alone,
/// the folded name with the birth year or with its month and day, and the folded name alone for an
/// account without a birth date (a taxpayer's name alone meets only such accounts: the roll's birth
/// dates are the reference, and a name with another birth date is another person's as often as not).
/// </summary>
public static class BlockingKeys
{
    public static IReadOnlyList<string> For(TaxpayerIdentity taxpayer)
    {
        var keys = Common(taxpayer.RrnHash, taxpayer.Phone, taxpayer.Birth, taxpayer.Name, nameAlone: true);
        if (taxpayer.Birth is { } birth && taxpayer.Name.Script == NameScript.Hangul)
        {
            var (surname, given) = Surnames.Split(taxpayer.Name.Compact);
            keys.Add(RomanizedKey(birth, surname, LatinSpelling.Skeleton(Hangul.Romanize(given))));
        }

        return keys;
    }

    public static IReadOnlyList<string> For(AccountIdentity account)
    {
        // An account without a birth date has nothing else to narrow its name by: a Latin name
        // meets the taxpayers of that name (foreign residents are few; a Hangul name never does,
        // its namesakes are legion).
        var keys = Common(account.RrnHash, account.Phone, account.Birth, account.Name, nameAlone: account.Birth is null);
        if (account.Birth is not { } birth || account.Name.Script != NameScript.Latin)
        {
            return keys;
        }

        foreach (var (surnameToken, given) in NameComparer.Readings(account.Name.Tokens))
        {
            foreach (var surname in Surnames.FromLatin(surnameToken))
            {
                keys.Add(RomanizedKey(birth, surname, LatinSpelling.Skeleton(given)));
            }
        }

        // Two readings of a Latin name can make the same key.
        return keys.Distinct().ToArray();
    }

    /// <summary>The rule a key was made by: what a pair meeting under it agrees on.</summary>
    public static BlockingRule RuleOf(string key) => RuleOf(key[0]);

    /// <summary>The rule a key was made by, told by the key's first letter.</summary>
    public static BlockingRule RuleOf(char kind) => kind switch
    {
        'r' => BlockingRule.Rrn,
        'p' => BlockingRule.Phone,
        'd' => BlockingRule.Birth,
        'n' => BlockingRule.LatinName,
        'h' or 'l' or 'y' => BlockingRule.BirthAndName,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no blocking key starts so"),
    };

    /// <param name="nameAlone">Whether a Latin name is also a key on its own.</param>
    private static List<string> Common(string? rrnHash, string? phone, BirthDate? birth, PersonName name, bool nameAlone)
    {
        var folded = FoldedLatin(name);
        var keys = new List<string>(5);
        if (rrnHash is not null)
        {
            keys.Add("r:" + rrnHash);
        }

        if (phone is not null)
        {
            keys.Add("p:" + phone);
        }

        if (birth is { } b)
        {
            switch (name.Script)
            {
                case NameScript.Hangul:
                    keys.Add($"h:{b.Yymmdd}:{Hangul.Initials(name.Compact)}");
                    break;
                case NameScript.Latin:
                    // Latin names are few (foreign residents, romanized records), so their block
                    // is the birth date alone: typos and split or swapped tokens still meet.
                    keys.Add($"d:{b.Yymmdd}");

                    // The name with the year, and with the month and day: a birth date mistyped in
                    // one digit, or with day and month swapped, keeps one of them. Namesakes born
                    // the same year or on the same day of the year are few.
                    if (folded is not null)
                    {
                        keys.Add($"y:{b.Yymmdd[..2]}:{folded}");
                        keys.Add($"y:{b.Yymmdd[2..]}:{folded}");
                    }

                    break;
            }
        }

        if (nameAlone && folded is not null)
        {
            keys.Add("n:" + folded);
        }

        return keys;
    }

    /// <summary>A Latin name of two tokens or more, spellings folded and tokens sorted; null for any other.</summary>
    private static string? FoldedLatin(PersonName name) =>
        name is { Script: NameScript.Latin, Tokens.Count: > 1 } ? string.Join(' ', name.Tokens.Select(LatinSpelling.Skeleton).Order(StringComparer.Ordinal)) : null;

    private static string RomanizedKey(BirthDate birth, string surname, string givenSkeleton) => $"l:{birth.Yymmdd}:{surname}:{givenSkeleton}";
}
