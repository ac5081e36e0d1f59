using System.Globalization;

namespace Tracking.Domain.Identity;

/// <summary>
/// A birth date as an exchange recorded it: sometimes without the century (YYMMDD), which is then
/// resolved against the taxpayer's own birth date when the two are compared.
/// </summary>
public readonly record struct BirthDate(int? Century, int YearOfCentury, int Month, int Day)
{
    private static readonly CultureInfo s_twoDigitYearsIn2000s = TwoDigitYearsIn2000s();

    public static BirthDate Of(DateOnly date) => new(date.Year / 100, date.Year % 100, date.Month, date.Day);

    /// <summary>Parses with a .NET date pattern (e.g. yyyy-MM-dd, yyMMdd, yyyy.MM.dd); a two-digit year leaves the century open.</summary>
    public static BirthDate? Parse(string? text, string pattern)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // A two-digit year is read in 20yy, where 29 February comes every fourth year from 00; its
        // century stays open.
        var trimmed = text.Trim();
        var date = FixedWidthDate.Supports(pattern)
            ? FixedWidthDate.ReadLaidOut(trimmed, pattern)
            : DateOnly.TryParseExact(trimmed, pattern, s_twoDigitYearsIn2000s, DateTimeStyles.None, out var parsed) ? parsed : (DateOnly?)null;
        return date is not { } read ? null
            : pattern.Contains("yyyy", StringComparison.Ordinal) ? Of(read)
            : new BirthDate(null, read.Year % 100, read.Month, read.Day);
    }

    private static CultureInfo TwoDigitYearsIn2000s()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.DateTimeFormat.Calendar.TwoDigitYearMax = 2099;
        return culture;
    }

    /// <summary>The date in 8 digits, or 6 when the century is unknown: what typos are counted on.</summary>
    public string Digits => (Century is { } c ? c.ToString("00", CultureInfo.InvariantCulture) : "") + Yymmdd;

    /// <summary>YYMMDD: the part every recorded form has, used for blocking.</summary>
    public string Yymmdd =>
        // Written digit by digit: a sweep makes this for every record it files and every key it
        // samples, and formatting through an interpolation handler and a culture took about a
        // twentieth of its CPU. Numbers out of two digits (no parsed date has them) keep every digit.
        IsTwoDigits(YearOfCentury) && IsTwoDigits(Month) && IsTwoDigits(Day)
            ? string.Create(6, this, static (digits, date) =>
            {
                TwoDigits(digits, date.YearOfCentury);
                TwoDigits(digits[2..], date.Month);
                TwoDigits(digits[4..], date.Day);
            })
            : string.Create(CultureInfo.InvariantCulture, $"{YearOfCentury:00}{Month:00}{Day:00}");

    public Agreement Compare(BirthDate other)
    {
        var centuriesAgree = Century is null || other.Century is null || Century == other.Century;
        if (centuriesAgree && YearOfCentury == other.YearOfCentury && Month == other.Month && Day == other.Day)
        {
            return Agreement.Agrees;
        }

        // One mistyped digit, or day and month swapped: the kind of error a clerk makes.
        var (a, b) = centuriesAgree ? (Yymmdd, other.Yymmdd) : (Digits, other.Digits);
        var swapped = YearOfCentury == other.YearOfCentury && Month == other.Day && Day == other.Month;
        return swapped || (a.Length == b.Length && a.Zip(b).Count(p => p.First != p.Second) == 1) ? Agreement.Near : Agreement.Differs;
    }

    private static bool IsTwoDigits(int value) => value is >= 0 and <= 99;

    private static void TwoDigits(Span<char> into, int value)
    {
        into[0] = (char)('0' + value / 10);
        into[1] = (char)('0' + value % 10);
    }
}
