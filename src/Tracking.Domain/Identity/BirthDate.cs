using System.Globalization;

namespace Tracking.Domain.Identity;

/// <summary>
/// A birth date as an exchange recorded it: sometimes without the century (YYMMDD), which is then
/// resolved against the taxpayer's own birth date when the two are compared.
/// </summary>
public readonly record struct BirthDate(int? Century, int YearOfCentury, int Month, int Day)
{
    public static BirthDate Of(DateOnly date) => new(date.Year / 100, date.Year % 100, date.Month, date.Day);

    /// <summary>Parses with a .NET date pattern (e.g. yyyy-MM-dd, yyMMdd, yyyy.MM.dd); a two-digit year leaves the century open.</summary>
    public static BirthDate? Parse(string? text, string pattern)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        if (!pattern.Contains("yyyy", StringComparison.Ordinal))
        {
            // Two-digit years: parse against a leap year so 29 February is accepted, century unknown.
            return DateOnly.TryParseExact("20" + trimmed, "yy" + pattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out var shortDate)
                ? new BirthDate(null, shortDate.Year % 100, shortDate.Month, shortDate.Day)
                : null;
        }

        return DateOnly.TryParseExact(trimmed, pattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? Of(date) : null;
    }

    /// <summary>The date in 8 digits, or 6 when the century is unknown: what typos are counted on.</summary>
    public string Digits => (Century is { } c ? c.ToString("00", CultureInfo.InvariantCulture) : "") + Yymmdd;

    /// <summary>YYMMDD: the part every recorded form has, used for blocking.</summary>
    public string Yymmdd => string.Create(CultureInfo.InvariantCulture, $"{YearOfCentury:00}{Month:00}{Day:00}");

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
}
