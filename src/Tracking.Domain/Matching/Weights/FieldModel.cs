namespace Tracking.Domain.Matching.Weights;

/// <summary>One field's levels, strongest first.</summary>
/// <param name="Learnt">Whether the data taught its m-probabilities (else they are the prior's): for the person reading a sweep's model.</param>
public sealed record FieldModel(MatchField Field, IReadOnlyList<LevelModel> Levels, bool Learnt);
