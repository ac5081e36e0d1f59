using Tracking.Domain.Identity;

namespace Tracking.Ingest.Files;

/// <summary>
/// Reads the identity fields every input file shares. A field that does not parse is left out
/// with a warning and the row kept; an RRN is never echoed (it may be a real number with a typo).
/// </summary>
internal static class IdentityFields
{
    public static string? Phone(string? text, Action<string> warn)
    {
        var phone = PhoneNumber.Normalize(text);
        if (phone is null && !string.IsNullOrWhiteSpace(text))
        {
            warn($"phone '{text}' is not a mobile number; left out");
        }

        return phone;
    }

    /// <summary>The RRN's keyed hash, mask and birth date, or null when absent or malformed.</summary>
    public static ProtectedRrn? Rrn(string? text, ReadOnlySpan<byte> key, Action<string> warn)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (ResidentRegistrationNumber.Parse(text, out var problem) is not { } rrn)
        {
            warn($"{problem}; left out");
            return null;
        }

        return new ProtectedRrn(rrn.Hash(key), rrn.Masked, rrn.BirthDate);
    }
}

/// <summary>What may be kept of an RRN: its keyed hash, its mask, and the birth date it encodes.</summary>
internal sealed record ProtectedRrn(string Hash, string Masked, DateOnly BirthDate);
