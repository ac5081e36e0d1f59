namespace Tracking.Domain.Identity;

/// <summary>Compares names across scripts: Hangul at jamo level, Latin by tokens, Hangul with Latin through romanization.</summary>
public static class NameComparer
{
    public static NameAgreement Compare(PersonName a, PersonName b) => (a.Script, b.Script) switch
    {
        (NameScript.Missing, _) or (_, NameScript.Missing) => NameAgreement.Missing,
        (NameScript.Hangul, NameScript.Hangul) => CompareHangul(a.Compact, b.Compact),
        (NameScript.Latin, NameScript.Latin) => CompareLatin(a.Tokens, b.Tokens),
        (NameScript.Hangul, NameScript.Latin) => CompareRomanized(a.Compact, b.Tokens),
        _ => CompareRomanized(b.Compact, a.Tokens),
    };

    /// <summary>Surname-first and surname-last readings of a Latin name: (surname token, given name).</summary>
    public static IEnumerable<(string Surname, string Given)> Readings(IReadOnlyList<string> tokens)
    {
        if (tokens.Count < 2)
        {
            yield break;
        }

        yield return (tokens[0], string.Concat(tokens.Skip(1)));
        yield return (tokens[^1], string.Concat(tokens.Take(tokens.Count - 1)));
    }

    private static NameAgreement CompareHangul(string a, string b)
    {
        if (a == b)
        {
            return NameAgreement.Exact;
        }

        // One jamo off (혜→혀, 최→쵤) is a typo; more is another name. Twins' names are often
        // one jamo apart too, which is why a near name never decides a match on its own.
        if (EditDistance.Between(Hangul.Jamo(a), Hangul.Jamo(b)) <= 1)
        {
            return NameAgreement.Near;
        }

        var (surnameA, givenA) = Surnames.Split(a);
        var (surnameB, givenB) = Surnames.Split(b);
        return surnameA == surnameB || givenA == givenB ? NameAgreement.Partial : NameAgreement.Differs;
    }

    private static NameAgreement CompareLatin(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var sortedA = string.Join(' ', a.Order(StringComparer.Ordinal));
        var sortedB = string.Join(' ', b.Order(StringComparer.Ordinal));
        if (sortedA == sortedB)
        {
            return NameAgreement.Exact;
        }

        var distance = EditDistance.Between(sortedA, sortedB);
        if (distance <= 2 || EditDistance.JaroWinkler(string.Concat(a), string.Concat(b)) >= 0.94)
        {
            return NameAgreement.Near;
        }

        // A name recorded in part (a given name left out): every token of the shorter one is,
        // but for a typo, a token of the longer one.
        var (shorter, longer) = a.Count <= b.Count ? (a, b) : (b, a);
        if (shorter.Count < longer.Count && shorter.All(s => longer.Any(l => EditDistance.Between(s, l) <= 1)))
        {
            return NameAgreement.Near;
        }

        // A token in common (one letter off in a long one): a given name or a surname kept.
        return a.Any(x => b.Any(y => x.Length >= 2 && (x == y || (x.Length >= 5 && EditDistance.Between(x, y) <= 1))))
            ? NameAgreement.Partial
            : NameAgreement.Differs;
    }

    private static NameAgreement CompareRomanized(string hangul, IReadOnlyList<string> latin)
    {
        var (surname, given) = Surnames.Split(hangul);
        var givenSkeleton = LatinSpelling.Skeleton(Hangul.Romanize(given));
        var best = NameAgreement.Differs;
        foreach (var reading in Readings(latin))
        {
            var skeleton = LatinSpelling.Skeleton(reading.Given);
            var surnameAgrees = Surnames.Spellings(surname).Contains(reading.Surname);
            if (surnameAgrees && skeleton == givenSkeleton)
            {
                return NameAgreement.Romanized;
            }

            var agreement = surnameAgrees && EditDistance.Between(skeleton, givenSkeleton) <= 1 ? NameAgreement.Near
                : surnameAgrees || skeleton == givenSkeleton ? NameAgreement.Partial
                : NameAgreement.Differs;
            best = agreement < best ? agreement : best;
        }

        return best;
    }
}
