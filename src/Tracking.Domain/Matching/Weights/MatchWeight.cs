namespace Tracking.Domain.Matching.Weights;

/// <summary>A pair's weight in bits, the probability it stands for, and each compared field's part (the rest is the prior).</summary>
public sealed record MatchWeight(double Total, double Probability, IReadOnlyList<FieldWeight> Fields);
