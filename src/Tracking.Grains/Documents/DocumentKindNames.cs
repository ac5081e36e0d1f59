using System.Text.Json;
using Tracking.Domain.Seizures;

namespace Tracking.Grains.Documents;

/// <summary>A document kind's name on the command line and in file names: <c>seizure-record</c>, <c>release-notice</c>, ….</summary>
public static class DocumentKindNames
{
    public static string Name(SeizureDocumentKind kind) => JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString());

    public static IEnumerable<string> All => Enum.GetValues<SeizureDocumentKind>().Select(Name);

    /// <summary>The latest document of the named kind the case issued, or null when the name is no kind's or the case issued none.</summary>
    public static SeizureDocument? Latest(Seizures.CaseDetail detail, string name) =>
        detail.Documents.LastOrDefault(d => Name(d.Kind) == name);
}
