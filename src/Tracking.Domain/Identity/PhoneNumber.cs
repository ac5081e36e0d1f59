namespace Tracking.Domain.Identity;

/// <summary>Korean mobile numbers in one form, 010NNNNNNNN, whatever way they were written (+82-10-…, 010 …, digits only).</summary>
public static class PhoneNumber
{
    /// <summary>The normalised number, or null when the text is empty or not a Korean mobile number.</summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        if (digits.StartsWith("82", StringComparison.Ordinal) && text.TrimStart().StartsWith('+'))
        {
            digits = "0" + digits[2..];
        }

        return digits.Length is 10 or 11 && digits.StartsWith("01", StringComparison.Ordinal) ? digits : null;
    }
}
