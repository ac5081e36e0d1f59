namespace Tracking.Domain;

/// <summary>
/// The shape of the ids Tracking keeps, as the tax system and the exchanges issue them: letters,
/// digits, '-', '_' and '.', beginning with a letter or digit, no longer than the kind allows. An id
/// of another shape cannot name anything stored, so it is refused where it comes in (a file's row,
/// a URL, a request body) before anything is looked up or written.
/// </summary>
public static class IdFormat
{
    public const int TaxpayerId = 40;

    public const int ItemId = 64;

    public const int AccountId = 64;

    public const int Exchange = 32;

    /// <summary>A payment's reference in the tax system; it names the payment for good, so a repeat is applied once.</summary>
    public const int PaymentReference = TextLimits.Reference;

    public static bool IsValid(string? id, int maxLength)
    {
        if (string.IsNullOrEmpty(id) || id.Length > maxLength || !char.IsAsciiLetterOrDigit(id[0]))
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Why <paramref name="id"/> is not an id of its kind, or null when it is.</summary>
    public static string? Problem(string what, string? id, int maxLength) =>
        IsValid(id, maxLength) ? null
        : string.IsNullOrEmpty(id) ? $"{what} is required"
        : $"{what} is not an id: at most {maxLength:N0} letters, digits, '-', '_' or '.', beginning with a letter or digit";

    /// <summary>Whether <paramref name="caseId"/> is a seizure's id: taxpayer@exchange/account, each part an id of its kind.</summary>
    public static bool IsCaseId(string? caseId)
    {
        var at = caseId?.IndexOf('@', StringComparison.Ordinal) ?? -1;
        var slash = at < 0 ? -1 : caseId!.IndexOf('/', at);
        return slash > 0
            && IsValid(caseId![..at], TaxpayerId)
            && IsValid(caseId[(at + 1)..slash], Exchange)
            && IsValid(caseId[(slash + 1)..], AccountId);
    }
}
