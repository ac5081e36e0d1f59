namespace Tracking.Domain.Identity;

/// <summary>
/// Reads a date written in fixed-width digit fields (yyyy or yy, MM, dd) between literal
/// separators, by position. The general parser took an eighth of the time of reading an
/// exchange's file, where a birth date is on every account; this gives what it gives for these
/// patterns (ASCII digits only, every field at its full width, a real date) without it.
/// </summary>
public static class FixedWidthDate
{
    /// <summary>
    /// The date, or null when <paramref name="text"/> is not laid out as <paramref name="pattern"/>
    /// or names no real date. A two-digit year is read in <paramref name="century"/> (19 for 19yy;
    /// 20 unless told, where 29 February comes every fourth year from 00).
    /// Throws for a pattern of any other kind: see <see cref="Supports"/>.
    /// </summary>
    public static DateOnly? Read(ReadOnlySpan<char> text, ReadOnlySpan<char> pattern, int century = 20)
    {
        if (!Supports(pattern))
        {
            throw new ArgumentException($"'{pattern}' is not a pattern of fixed-width digit fields.", nameof(pattern));
        }

        return ReadLaidOut(text, pattern, century);
    }

    /// <summary><see cref="Read"/> for a pattern its caller has found <see cref="Supports"/> already, so that a birth date on every row is not checked twice.</summary>
    internal static DateOnly? ReadLaidOut(ReadOnlySpan<char> text, ReadOnlySpan<char> pattern, int century = 20)
    {
        if (text.Length != pattern.Length)
        {
            return null;
        }

        int year = 0, month = 0, day = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var p = pattern[i];
            if (p is 'y' or 'M' or 'd')
            {
                if (!char.IsAsciiDigit(text[i]))
                {
                    return null;
                }

                var digit = text[i] - '0';
                if (p == 'y')
                {
                    year = (year * 10) + digit;
                }
                else if (p == 'M')
                {
                    month = (month * 10) + digit;
                }
                else
                {
                    day = (day * 10) + digit;
                }
            }
            else if (text[i] != p)
            {
                return null;
            }
        }

        if (pattern.IndexOf("yyyy") < 0)
        {
            year += century * 100;
        }

        return year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;
    }

    /// <summary>
    /// Whether the pattern is made of yyyy or yy, MM and dd, once each, and separators that are
    /// not letters, digits or the culture-dependent '/' and ':'.
    /// </summary>
    public static bool Supports(ReadOnlySpan<char> pattern)
    {
        int years = 0, months = 0, days = 0;
        for (var i = 0; i < pattern.Length;)
        {
            var p = pattern[i];
            var run = 1;
            while (i + run < pattern.Length && pattern[i + run] == p)
            {
                run++;
            }

            var fits = p switch
            {
                'y' => run is 2 or 4 && ++years == 1,
                'M' => run == 2 && ++months == 1,
                'd' => run == 2 && ++days == 1,
                _ => !char.IsLetterOrDigit(p) && p is not ('/' or ':' or '\'' or '"' or '\\' or '%'),
            };
            if (!fits)
            {
                return false;
            }

            i += run;
        }

        return years == 1 && months == 1 && days == 1;
    }
}
