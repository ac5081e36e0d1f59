using System.Security.Cryptography;
using System.Text;

namespace Tracking.Domain.Identity;

/// <summary>
/// A resident registration number (주민등록번호, YYMMDD-GNNNNNC), which must never be kept in
/// clear: only its keyed hash (for matching) and its masked form (for people) leave this type.
/// </summary>
public sealed class ResidentRegistrationNumber
{
    private readonly string _digits;

    private ResidentRegistrationNumber(string digits, DateOnly birthDate)
    {
        _digits = digits;
        BirthDate = birthDate;
    }

    /// <summary>The birth date the number encodes (century from the gender digit).</summary>
    public DateOnly BirthDate { get; }

    /// <summary>900101-1******: what may be shown.</summary>
    public string Masked => $"{_digits[..6]}-{_digits[6]}******";

    /// <summary>
    /// Parses YYMMDD-GNNNNNC or 13 digits; null with a reason when malformed. The last digit is
    /// not checked: numbers issued since October 2020 carry no check digit.
    /// </summary>
    public static ResidentRegistrationNumber? Parse(string? text, out string? problem)
    {
        problem = null;
        Span<char> digits = stackalloc char[13];
        var count = 0;
        foreach (var c in text ?? "")
        {
            if (c == '-' || char.IsWhiteSpace(c))
            {
                continue;
            }

            if (count == digits.Length || !char.IsAsciiDigit(c))
            {
                count = -1;
                break;
            }

            digits[count++] = c;
        }

        if (count != digits.Length)
        {
            problem = "a resident registration number has 13 digits (YYMMDD-GNNNNNC)";
            return null;
        }

        int? century = digits[6] switch
        {
            '1' or '2' or '5' or '6' => 19,
            '3' or '4' or '7' or '8' => 20,
            '9' or '0' => 18,
            _ => null,
        };
        if (century is null || FixedWidthDate.Read(digits[..6], "yyMMdd", century.Value) is not { } birth)
        {
            problem = "the resident registration number does not start with a valid birth date";
            return null;
        }

        return new ResidentRegistrationNumber(new string(digits), birth);
    }

    /// <summary>The keyed hash (HMAC-SHA256, hex) matching is done on; the same number and key always give the same hash.</summary>
    public string Hash(ReadOnlySpan<byte> key)
    {
        Span<byte> digits = stackalloc byte[13];
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, digits[..Encoding.ASCII.GetBytes(_digits, digits)], mac);
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>Never the number itself, so that it cannot reach a log by accident.</summary>
    public override string ToString() => Masked;
}
