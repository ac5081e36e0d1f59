namespace Tracking.Domain.Matching.Weights;

/// <summary>
/// One field's part of a pair's weight: the level it compared in and what that level weighs; for an
/// agreeing name, how common the name is, which that weight includes.
/// </summary>
public sealed record FieldWeight(MatchField Field, string Level, double Weight)
{
    public NameFrequency? Frequency { get; init; }
}
