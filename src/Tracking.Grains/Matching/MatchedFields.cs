using System.Globalization;
using System.Text;
using Tracking.Domain.Accounts;
using Tracking.Domain.Ledger;
using Tracking.Domain.Taxpayers;
using Tracking.Storage.Persistence;

namespace Tracking.Grains.Matching;

/// <summary>
/// The fields of a taxpayer's and an account's state that the match index reads, written beside
/// every state as one text (<see cref="StateWrite.Indexed"/>): a sweep reads them without the
/// state, and the store stamps a record when they change, so a sweep files again only the records
/// whose matched fields changed, not those a payment or a recorded candidate rewrote. Each value
/// has '\' and the unit separator escaped ("\\", "\u"), none is "\0", and they are joined by the
/// unit separator; migration 0007 (0005 on SQLite) wrote the same for the rows stored before.
/// </summary>
public static class MatchedFields
{
    /// <summary>Values of a taxpayer: name, birth date (yyyy-MM-dd), phone, RRN hash.</summary>
    public const int TaxpayerValues = 4;

    /// <summary>Values of an account holder: name, birth century, year of century, month, day, phone, RRN hash.</summary>
    public const int AccountValues = 7;

    private const char Separator = '\u001f';
    private const string None = "\\0";

    /// <summary>A taxpayer's matched fields; null for one the roll never described.</summary>
    public static string? Of(TaxpayerLedger ledger) =>
        ledger.Profile is { } p ? Join(p.Name, p.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p.Phone, p.RrnHash) : null;

    /// <summary>An account holder's matched fields; null for an account never reported.</summary>
    public static string? Of(ExchangeAccount account) =>
        account.Profile is { } p
            ? Join(p.Name, Number(p.Birth?.Century), Number(p.Birth?.YearOfCentury), Number(p.Birth?.Month), Number(p.Birth?.Day), p.Phone, p.RrnHash)
            : null;

    /// <summary>The values of matched fields as written; <paramref name="count"/> of them, or the text is refused as not written here.</summary>
    public static string?[] Values(string indexed, int count)
    {
        if (indexed.AsSpan().Count(Separator) + 1 is var read && read != count)
        {
            // Not the text itself: it holds a person's name and phone.
            throw new InvalidDataException($"matched fields of {count} values expected, {read} read");
        }

        var values = new string?[count];
        var i = 0;
        foreach (var range in indexed.AsSpan().Split(Separator))
        {
            var value = indexed.AsSpan(range);
            values[i++] = value.SequenceEqual(None) ? null : value.Contains('\\') ? Unescape(value) : new string(value);
        }

        return values;
    }

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string Join(params string?[] values)
    {
        var text = new StringBuilder();
        foreach (var value in values)
        {
            if (text.Length > 0)
            {
                text.Append(Separator);
            }

            text.Append(value is null ? None : value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\u001f", "\\u", StringComparison.Ordinal));
        }

        return text.ToString();
    }

    private static string Unescape(ReadOnlySpan<char> value)
    {
        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            text.Append(value[i] == '\\' && i + 1 < value.Length ? value[++i] switch { 'u' => Separator, var c => c } : value[i]);
        }

        return text.ToString();
    }
}
