namespace Tracking.Domain;

/// <summary>
/// How long the free text people and exchanges put into the permanent history may be: a reason is
/// read by a person on a case page, a reference or source is a bank's or exchange's identifier.
/// </summary>
public static class TextLimits
{
    public const int Reason = 2_000;

    public const int Reference = 100;

    public const int Source = 100;

    /// <summary>Why the text is refused (empty when required, or too long), or null.</summary>
    public static string? Problem(string what, string? text, int max, bool required = true) =>
        required && string.IsNullOrWhiteSpace(text) ? $"{what} is required"
        : text is { Length: var length } && length > max ? $"{what} has {length:N0} characters; at most {max:N0} are kept"
        : null;
}
