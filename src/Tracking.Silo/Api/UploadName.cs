using System.Globalization;
using System.Text;

namespace Tracking.Silo.Api;

/// <summary>
/// The name an uploaded file is shown and recorded by: the browser's file name without any folder,
/// control or formatting characters (terminal escapes, right-to-left overrides), at most
/// <see cref="MaxLength"/> characters and <see cref="MaxBytes"/> bytes, its extension kept. Never
/// a path: each file is written under this name into a folder of its own.
/// </summary>
internal static class UploadName
{
    public const int MaxLength = 100;

    /// <summary>What a file system takes as one name (255 bytes), with room to spare: 66 Hangul syllables.</summary>
    public const int MaxBytes = 200;

    /// <summary>The display name, or null when nothing usable is left (empty, <c>.</c>, <c>..</c>).</summary>
    public static string? Clean(string? raw)
    {
        var name = raw ?? "";
        name = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        var kept = new StringBuilder(name.Length);
        foreach (var rune in name.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator))
            {
                kept.Append(rune.ToString());
            }
        }

        name = kept.ToString().Trim();
        if (name.Trim('.').Length == 0)
        {
            return null;
        }

        if (name.Length > MaxLength || Encoding.UTF8.GetByteCount(name) > MaxBytes)
        {
            var extension = Path.GetExtension(name) is { Length: > 1 and <= 10 } ext ? ext : "";
            var stem = name[..^extension.Length];
            do
            {
                stem = stem[..^(stem.Length > 1 && char.IsLowSurrogate(stem[^1]) ? 2 : 1)];
                name = stem.TrimEnd() + "…" + extension;
            }
            while (name.Length > MaxLength || Encoding.UTF8.GetByteCount(name) > MaxBytes);
        }

        return name;
    }
}
