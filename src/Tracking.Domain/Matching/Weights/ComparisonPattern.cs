using Tracking.Domain.Identity;

namespace Tracking.Domain.Matching.Weights;

/// <summary>
/// The comparison levels of a pair's four fields packed in one number (three bits a field, 0 when
/// a side is missing), so that a sweep counts patterns, not pairs: a few hundred of them at most.
/// </summary>
public static class ComparisonPattern
{
    public static readonly IReadOnlyList<MatchField> Fields = Enum.GetValues<MatchField>();

    /// <summary>The levels a field is compared in, strongest first; a missing side is none of them.</summary>
    public static IReadOnlyList<string> Levels(MatchField field) => field switch
    {
        MatchField.Name => ["exact", "romanized", "near", "partial", "differs"],
        MatchField.Birth => ["agrees", "near", "differs"],
        _ => ["agrees", "differs"],
    };

    public static int Of(MatchEvidence evidence) =>
        Code(evidence.Rrn, MatchField.Rrn) | Code(evidence.Name) << 3 | Code(evidence.Birth, MatchField.Birth) << 6 | Code(evidence.Phone, MatchField.Phone) << 9;

    /// <summary>The field's level (an index into <see cref="Levels"/>), or null when a side is missing.</summary>
    public static int? Level(int pattern, MatchField field) => ((pattern >> (3 * (int)field)) & 7) is var code and > 0 ? code - 1 : null;

    /// <summary>The pattern with these fields as if missing: what a training rule cannot learn from.</summary>
    public static int Without(int pattern, IEnumerable<MatchField> fields) => fields.Aggregate(pattern, (p, f) => p & ~(7 << (3 * (int)f)));

    public static MatchEvidence Evidence(int pattern) => new(
        AgreesOrDiffers(Level(pattern, MatchField.Rrn)),
        Level(pattern, MatchField.Name) switch
        {
            0 => NameAgreement.Exact,
            1 => NameAgreement.Romanized,
            2 => NameAgreement.Near,
            3 => NameAgreement.Partial,
            4 => NameAgreement.Differs,
            _ => NameAgreement.Missing,
        },
        Level(pattern, MatchField.Birth) switch
        {
            0 => Agreement.Agrees,
            1 => Agreement.Near,
            2 => Agreement.Differs,
            _ => Agreement.Missing,
        },
        AgreesOrDiffers(Level(pattern, MatchField.Phone)));

    private static Agreement AgreesOrDiffers(int? level) => level switch
    {
        0 => Agreement.Agrees,
        1 => Agreement.Differs,
        _ => Agreement.Missing,
    };

    private static int Code(Agreement agreement, MatchField field) => agreement switch
    {
        Agreement.Agrees => 1,
        Agreement.Near => 2,
        Agreement.Differs => field == MatchField.Birth ? 3 : 2,
        _ => 0,
    };

    private static int Code(NameAgreement agreement) => agreement switch
    {
        NameAgreement.Exact => 1,
        NameAgreement.Romanized => 2,
        NameAgreement.Near => 3,
        NameAgreement.Partial => 4,
        NameAgreement.Differs => 5,
        _ => 0,
    };
}
