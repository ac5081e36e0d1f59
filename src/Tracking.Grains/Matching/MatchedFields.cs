using System.IO.Hashing;
using System.Text;
using Tracking.Domain.Accounts;
using Tracking.Domain.Identity;
using Tracking.Domain.Ledger;
using Tracking.Domain.Taxpayers;
using Tracking.Storage.Persistence;

namespace Tracking.Grains.Matching;

/// <summary>
/// The fields of a taxpayer's and an account's state that the match index reads, and a tag of
/// them written with every state (<see cref="StateWrite.IndexedTag"/>): the store stamps a record
/// when its tag changes, so a sweep files again only the records whose matched fields changed,
/// not those a payment or a recorded candidate rewrote. Paths and tags name the same fields.
/// </summary>
public static class MatchedFields
{
    public static readonly StatePath[] Taxpayer =
    [
        new(nameof(TaxpayerLedger.Profile), nameof(TaxpayerProfile.Name)),
        new(nameof(TaxpayerLedger.Profile), nameof(TaxpayerProfile.BirthDate)),
        new(nameof(TaxpayerLedger.Profile), nameof(TaxpayerProfile.Phone)),
        new(nameof(TaxpayerLedger.Profile), nameof(TaxpayerProfile.RrnHash)),
    ];

    public static readonly StatePath[] Account =
    [
        new(nameof(ExchangeAccount.Profile), nameof(AccountProfile.Name)),
        new(nameof(ExchangeAccount.Profile), nameof(AccountProfile.Birth), nameof(BirthDate.Century)),
        new(nameof(ExchangeAccount.Profile), nameof(AccountProfile.Birth), nameof(BirthDate.YearOfCentury)),
        new(nameof(ExchangeAccount.Profile), nameof(AccountProfile.Birth), nameof(BirthDate.Month)),
        new(nameof(ExchangeAccount.Profile), nameof(AccountProfile.Birth), nameof(BirthDate.Day)),
        new(nameof(ExchangeAccount.Profile), nameof(AccountProfile.Phone)),
        new(nameof(ExchangeAccount.Profile), nameof(AccountProfile.RrnHash)),
    ];

    /// <summary>The tag of a taxpayer's matched fields; null for one the roll never described.</summary>
    public static long? TagOf(TaxpayerLedger ledger) =>
        ledger.Profile is { } p ? Tag(p.Name, p.BirthDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), p.Phone, p.RrnHash) : null;

    /// <summary>The tag of an account holder's matched fields; null for an account never reported.</summary>
    public static long? TagOf(ExchangeAccount account) =>
        account.Profile is { } p ? Tag(p.Name, p.Birth is { } b ? $"{b.Century}/{b.YearOfCentury}/{b.Month}/{b.Day}" : null, p.Phone, p.RrnHash) : null;

    /// <summary>64 bits of a hash of the values, each marked present or absent: a change goes unseen only if the old and new tags collide, one in 2⁶⁴.</summary>
    private static long Tag(params string?[] values)
    {
        var text = new StringBuilder();
        foreach (var value in values)
        {
            // A unit separator cannot occur in a field read from a file; null and "" tag apart.
            text.Append(value is null ? '\u0000' : '\u0001').Append(value).Append('\u001f');
        }

        return unchecked((long)XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
