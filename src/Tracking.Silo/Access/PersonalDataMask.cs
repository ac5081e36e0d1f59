using Tracking.Domain.Accounts;
using Tracking.Domain.Taxpayers;

namespace Tracking.Silo.Access;

/// <summary>
/// Personal data as each role may see it (DESIGN §5). Officers and supervisors, who contact
/// taxpayers, see names and phones; auditors see them masked, and the RRN only as birth date;
/// operators see no personal data at all (they are refused cases). Nobody is sent the RRN's keyed hash.
/// </summary>
public static class PersonalDataMask
{
    public static bool SeesContactDetails(string role) => role is ConsoleRole.Officer or ConsoleRole.Supervisor;

    public static TaxpayerProfile? Apply(TaxpayerProfile? profile, string role) =>
        profile is null ? null : SeesContactDetails(role) ? profile with { RrnHash = null } : profile with
        {
            Name = Name(profile.Name),
            Phone = Phone(profile.Phone),
            RrnMasked = Rrn(profile.RrnMasked),
            RrnHash = null,
            Address = profile.Address is null ? null : "(masked)",
        };

    public static AccountProfile? Apply(AccountProfile? profile, string role) =>
        profile is null ? null : SeesContactDetails(role) ? profile with { RrnHash = null } : profile with
        {
            Name = profile.Name is null ? null : Name(profile.Name),
            Phone = Phone(profile.Phone),
            RrnMasked = Rrn(profile.RrnMasked),
            RrnHash = null,
        };

    /// <summary>김민수 → 김*수, Kim Minsu → K*** M****: the first letter of each part.</summary>
    public static string Name(string name)
    {
        if (name.Any(c => c >= '\uAC00' && c <= '\uD7A3'))
        {
            return name.Length <= 2 ? name[..1] + "*" : name[..1] + new string('*', name.Length - 2) + name[^1..];
        }

        return string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p[..1] + new string('*', p.Length - 1)));
    }

    /// <summary>010-1234-5678 → 010-****-5678.</summary>
    public static string? Phone(string? phone)
    {
        if (phone is null)
        {
            return null;
        }

        var digits = phone.Where(char.IsAsciiDigit).ToArray();
        return digits.Length < 8 ? new string('*', digits.Length) : $"{new string(digits[..3])}-****-{new string(digits[^4..])}";
    }

    /// <summary>900101-1****** → 900101-*******: the birth date stays, the sex digit goes.</summary>
    public static string? Rrn(string? masked) => masked is { Length: >= 7 } ? masked[..7] + new string('*', masked.Length - 7) : masked;
}
