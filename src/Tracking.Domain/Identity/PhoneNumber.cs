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

        // A mobile number has at most 12 digits written (+82 and 10): more is not one.
        Span<char> digits = stackalloc char[12];
        var count = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == digits.Length)
                {
                    return null;
                }

                digits[count++] = c;
            }
        }

        Span<char> number = digits[..count];
        if (number.StartsWith("82") && text.AsSpan().TrimStart().StartsWith('+'))
        {
            // +82 10 …: the trunk prefix 0 takes the country code's place.
            number = number[1..];
            number[0] = '0';
        }

        return number.Length is 10 or 11 && number.StartsWith("01") ? new string(number) : null;
    }
}
