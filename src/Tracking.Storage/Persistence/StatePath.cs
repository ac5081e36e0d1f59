namespace Tracking.Storage.Persistence;

/// <summary>
/// A path of property names into a stored state's JSON (e.g. Profile, Name), which the engine
/// reads without the whole state leaving it. Names are plain identifiers, so that a path is the
/// same in every engine's JSON syntax.
/// </summary>
public sealed record StatePath
{
    public StatePath(params string[] names)
    {
        if (names.Length == 0 || names.Any(n => n.Length == 0 || !n.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')))
        {
            throw new ArgumentException($"'{string.Join('.', names)}' is not a path of plain property names.", nameof(names));
        }

        Names = names;
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>SQLite's JSON path syntax: $.A.B.</summary>
    public string ToJsonPath() => "$." + string.Join('.', Names);
}
