namespace Tracking.Domain.Matching.Weights;

/// <summary>
/// Fellegi–Sunter match weights learnt from a sweep's own data: for each field and level, how
/// often it is seen in true pairs (m) and in pairs of two different people (u). A level's weight
/// is log₂(m/u) bits; a pair's weight is the prior log-odds of a match plus its fields' weights.
/// Kept with the sweep, so that every candidate's weight can be explained and recomputed.
/// </summary>
/// <param name="MatchShare">The share of all taxpayer–account pairs that are the same person (λ).</param>
/// <param name="ReviewThreshold">
/// The weight from which a pair not matched automatically goes to review so that the queue's
/// expected precision is <paramref name="ReviewPrecision"/>; null when no weight reaches it.
/// </param>
public sealed record MatchModel(double MatchShare, IReadOnlyList<FieldModel> Fields, double? ReviewThreshold, double ReviewPrecision)
{
    /// <summary>The pair's weight alone: what deciding on review needs for every pair compared, without the parts.</summary>
    public double TotalOf(MatchEvidence evidence)
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

        return total;
    }

    public MatchWeight Weigh(MatchEvidence evidence)
    {
        var pattern = ComparisonPattern.Of(evidence);
        var total = TotalOf(evidence);
        return new MatchWeight(Math.Round(total, 2), Math.Round(Probability(total), 4), [..
            from field in Fields
            let level = ComparisonPattern.Level(pattern, field.Field)
            where level is not null
            select new FieldWeight(field.Field, field.Levels[level.Value].Level, Math.Round(field.Levels[level.Value].Weight, 2))]);
    }

    /// <summary>The probability that a pair of this weight is the same person.</summary>
    public static double Probability(double weight) => 1 / (1 + Math.Pow(2, -weight));

    /// <summary>Whether a pair the rules drop goes to review on its weight.</summary>
    public bool Reviews(MatchEvidence evidence) => ReviewThreshold is { } threshold && TotalOf(evidence) >= threshold;
}
