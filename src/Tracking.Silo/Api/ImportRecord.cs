using Tracking.Grains.Imports;
using Tracking.Storage.Views;

namespace Tracking.Silo.Api;

/// <summary>An upload through the console: who, when, which files, what it did and every row problem.</summary>
public sealed record ImportRecord(string Id, long At, string By, IReadOnlyList<string> Files, ImportSummary Summary)
{
    public const string View = "imports";

    public static readonly ViewField AtField = ViewField.Number("at");

    public static ViewDefinition Definition { get; } = new(View, AtField, []);
}
