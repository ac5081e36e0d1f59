namespace Tracking.Domain.Matching.Weights;

/// <summary>
/// A kind of blocking key, and the fields every pair meeting under it agrees on by construction:
/// those teach nothing about true pairs, so training on the rule's pairs leaves them out.
/// </summary>
/// <param name="Exact">
/// Whether the rule's key is its one field's value, for every record that has it: then its blocks
/// count exactly how many pairs agree on the field, which random pairs cannot measure for one as rare as an RRN.
/// </param>
public sealed record BlockingRule(string Name, IReadOnlyList<MatchField> Agreeing, bool Exact = false)
{
    public static BlockingRule Rrn { get; } = new("rrn", [MatchField.Rrn], Exact: true);

    public static BlockingRule Phone { get; } = new("phone", [MatchField.Phone], Exact: true);

    public static BlockingRule Birth { get; } = new("birth", [MatchField.Birth]);

    /// <summary>
    /// Birth date (or part of it) with the name's initials, its romanized skeleton or its folded
    /// Latin tokens: the name agrees in part, so it is left out too.
    /// </summary>
    public static BlockingRule BirthAndName { get; } = new("birth+name", [MatchField.Birth, MatchField.Name]);

    /// <summary>A Latin name's folded tokens, for an account without a birth date: the name agrees in part.</summary>
    public static BlockingRule LatinName { get; } = new("latin-name", [MatchField.Name]);

    public static IReadOnlyList<BlockingRule> All { get; } = [Rrn, Phone, Birth, BirthAndName, LatinName];

    public static BlockingRule? Named(string name) => All.FirstOrDefault(r => r.Name == name);
}
