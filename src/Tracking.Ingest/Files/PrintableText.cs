using System.Globalization;
using System.Text;

namespace Tracking.Ingest.Files;

/// <summary>
/// Text from a file as it may be shown on a terminal or page: control and formatting characters
/// (terminal escape sequences, right-to-left overrides) replaced by '?', at most a given length.
/// </summary>
public static class PrintableText
{
    public static string Clean(string text, int maxLength = 500)
    {
        var kept = new StringBuilder(Math.Min(text.Length, maxLength) + 1);
        foreach (var c in text.AsSpan(0, Math.Min(text.Length, maxLength)))
        {
            kept.Append(IsHidden(c) ? '?' : c);
        }

        return text.Length > maxLength ? kept.Append('…').ToString() : kept.ToString();
    }

    /// <summary>Whether a character would act on a terminal or reorder text rather than show: controls but the tab, and formatting characters.</summary>
    public static bool IsHidden(char c) =>
        c != '\t' && char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format;
}
