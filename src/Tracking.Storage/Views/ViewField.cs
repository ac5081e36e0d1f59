using System.Text.RegularExpressions;

namespace Tracking.Storage.Views;

/// <summary>A top-level property of a view's documents that lists filter, sort or group on.</summary>
public sealed partial record ViewField
{
    public ViewField(string name, ViewFieldKind kind)
    {
        // Field names become part of SQL text (index expressions must match the queries' exactly).
        if (!FieldName().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a view field name (a lower case letter, then letters, digits and _).", nameof(name));
        }

        (Name, Kind) = (name, kind);
    }

    public string Name { get; }

    public ViewFieldKind Kind { get; }

    public static ViewField Text(string name) => new(name, ViewFieldKind.Text);

    public static ViewField Number(string name) => new(name, ViewFieldKind.Number);

    [GeneratedRegex("^[a-z][A-Za-z0-9_]{0,40}$")]
    private static partial Regex FieldName();
}
