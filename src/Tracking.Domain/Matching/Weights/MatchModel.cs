using Tracking.Domain.Identity;

namespace Tracking.Domain.Matching.Weights;

/// <summary>
/// Fellegi–Sunter match weights learnt from a sweep's own data: for each field and level, how
/// often it is seen in true pairs (m) and in pairs of two different people (u). A level's weight
/// is log₂(m/u) bits; a pair's weight is the prior log-odds of a match plus its fields' weights.
/// A name agreement's weight is moved by how common the name is (<see cref="NameFrequencies"/>).
/// Kept with the sweep, so that every candidate's weight can be explained and recomputed.
/// </summary>
/// <param name="MatchShare">The share of all taxpayer–account pairs that are the same person (λ).</param>
/// <param name="ReviewThreshold">
/// The weight from which a pair not matched automatically goes to review so that the queue's
/// expected precision is <paramref name="ReviewPrecision"/>; null when no weight reaches it.
/// </param>
/// <param name="Names">How common the taxpayers' names are; null when the sample could not tell (no name repeats).</param>
public sealed record MatchModel(double MatchShare, IReadOnlyList<FieldModel> Fields, double? ReviewThreshold, double ReviewPrecision, NameFrequencies? Names = null)
{
    /// <summary>
    /// The pair's weight alone: what deciding on review needs for every pair compared, without the
    /// parts. <paramref name="name"/> is the name the two agree on (<see cref="NameFrequencies.KeyOf(PersonName, PersonName)"/>);
    /// without it, an agreeing name weighs as one of average commonness.
    /// </summary>
    public double TotalOf(MatchEvidence evidence, string? name = null)
    {
        var pattern = ComparisonPattern.Of(evidence);
        var total = Math.Log2(MatchShare / (1 - MatchShare));
        foreach (var field in Fields)
        {
            if (ComparisonPattern.Level(pattern, field.Field) is { } level)
            {
                total += field.Levels[level].Weight;
            }
        }

        return total + (NameAdjusted(evidence, name) ? Names!.Adjustment(name!) : 0);
    }

    public MatchWeight Weigh(MatchEvidence evidence, string? name = null)
    {
        var pattern = ComparisonPattern.Of(evidence);
        var total = TotalOf(evidence, name);
        var frequency = NameAdjusted(evidence, name) ? Names!.Frequency(name!) : null;
        return new MatchWeight(Math.Round(total, 2), Math.Round(Probability(total), 4), [..
            from field in Fields
            let level = ComparisonPattern.Level(pattern, field.Field)
            where level is not null
            let named = field.Field == MatchField.Name ? frequency : null
            select new FieldWeight(field.Field, field.Levels[level.Value].Level, Math.Round(field.Levels[level.Value].Weight + (named?.Bits ?? 0), 2)) { Frequency = named }]);
    }

    /// <summary>The probability that a pair of this weight is the same person.</summary>
    public static double Probability(double weight) => 1 / (1 + Math.Pow(2, -weight));

    /// <summary>Whether a pair the rules drop goes to review on its weight.</summary>
    public bool Reviews(MatchEvidence evidence, string? name = null) => ReviewThreshold is { } threshold && TotalOf(evidence, name) >= threshold;

    /// <summary>
    /// Whether a pair the rules send to review is dropped on its weight: when the weight says it is
    /// more likely not the taxpayer (below 0 bits), and every field it compares weighs what the data
    /// taught (a prior's guess does not overrule the rules).
    /// </summary>
    public bool Dismisses(MatchEvidence evidence, string? name = null)
    {
        var pattern = ComparisonPattern.Of(evidence);
        return Fields.All(field => field.Learnt || ComparisonPattern.Level(pattern, field.Field) is null) && TotalOf(evidence, name) < 0;
    }

    /// <summary>
    /// The name two records agree on, for weighing by its frequency; null where the pair's weight
    /// does not need it, so that the hot path works no name out for most pairs.
    /// </summary>
    public string? NameOf(MatchEvidence evidence, PersonName taxpayer, PersonName account) =>
        WeighsName(evidence) ? NameFrequencies.KeyOf(taxpayer, account) : null;

    /// <summary>Only a name that agrees (as written or romanized) says how common it is.</summary>
    private bool NameAdjusted(MatchEvidence evidence, string? name) => name is not null && WeighsName(evidence);

    private bool WeighsName(MatchEvidence evidence) => Names is not null && evidence.Name is NameAgreement.Exact or NameAgreement.Romanized;
}
