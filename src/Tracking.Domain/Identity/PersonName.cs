namespace Tracking.Domain.Identity;

public enum NameScript
{
    Missing,
    Hangul,
    Latin,
}

/// <summary>
/// A person's name as recorded, normalised for comparison: Hangul names without spaces, Latin
/// names as upper-case tokens (order kept; comparisons try both orders).
/// </summary>
public sealed record PersonName
{
    private static readonly char[] s_separators = [' ', ',', '-', '.', '\t'];

    private PersonName(NameScript script, string compact, IReadOnlyList<string> tokens)
    {
        Script = script;
        Compact = compact;
        Tokens = tokens;
    }

    public NameScript Script { get; }

    /// <summary>Hangul: the syllables without spaces. Latin: the tokens joined by one space.</summary>
    public string Compact { get; }

    /// <summary>Latin name tokens, upper case; empty for Hangul names.</summary>
    public IReadOnlyList<string> Tokens { get; }

    public static PersonName Parse(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (Hangul.IsHangulName(trimmed))
        {
            return new PersonName(NameScript.Hangul, Hangul.SyllablesOf(trimmed), []);
        }

        var tokens = new List<string>(4);
        foreach (var part in trimmed.ToUpperInvariant().Split(s_separators, StringSplitOptions.RemoveEmptyEntries))
        {
            if (Characters.Only(part, char.IsAsciiLetter) is { Length: > 0 } letters)
            {
                tokens.Add(letters);
            }
        }

        return tokens.Count == 0
            ? new PersonName(NameScript.Missing, "", [])
            : new PersonName(NameScript.Latin, string.Join(' ', tokens), tokens.ToArray());
    }

    public override string ToString() => Compact;
}
