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
    public MatchWeight Weigh(MatchEvidence evidence)
    {
        var pattern = ComparisonPattern.Of(evidence);
        var fields = new List<FieldWeight>(Fields.Count);
        var total = Math.Log2(MatchShare / (1 - MatchShare));
        foreach (var field in Fields)
        {
            if (ComparisonPattern.Level(pattern, field.Field) is { } level)
            {
                var weight = field.Levels[level].Weight;
                fields.Add(new FieldWeight(field.Field, field.Levels[level].Level, Math.Round(weight, 2)));
                total += weight;
            }
        }

        return new MatchWeight(Math.Round(total, 2), Math.Round(Probability(total), 4), fields);
    }

    /// <summary>The probability that a pair of this weight is the same person.</summary>
    public static double Probability(double weight) => 1 / (1 + Math.Pow(2, -weight));

    public bool Reviews(MatchWeight weight) => ReviewThreshold is { } threshold && weight.Total >= threshold;
}

/// <summary>One field's levels, strongest first.</summary>
/// <param name="Learnt">Whether the data taught its m-probabilities (else they are the prior's).</param>
public sealed record FieldModel(MatchField Field, IReadOnlyList<LevelModel> Levels, bool Learnt);

public sealed record LevelModel(string Level, double M, double U)
{
    public double Weight => Math.Log2(M / U);
}

/// <summary>A pair's weight in bits, the probability it stands for, and each compared field's part.</summary>
public sealed record MatchWeight(double Total, double Probability, IReadOnlyList<FieldWeight> Fields);

public sealed record FieldWeight(MatchField Field, string Level, double Weight);
