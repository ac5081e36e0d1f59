namespace Tracking.Domain.Matching.Weights;

/// <summary>One field's part of a pair's weight: the level it compared in and what that level weighs.</summary>
public sealed record FieldWeight(MatchField Field, string Level, double Weight);
