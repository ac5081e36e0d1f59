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
        var kept = new StringBuilder(Math.Min(text.Length, maxLength + 1));
        foreach (var rune in text.EnumerateRunes())
        {
            if (kept.Length >= maxLength)
            {
                kept.Append('…');
                break;
            }

            kept.Append(Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format && rune.Value != '\t' ? "?" : rune.ToString());
        }

        return kept.ToString();
    }
}
