namespace Tracking.Domain.Matching.Weights;

/// <summary>How often a level is seen in true pairs (m) and between different people (u); its weight in bits.</summary>
public sealed record LevelModel(string Level, double M, double U)
{
    public double Weight => Math.Log2(M / U);
}
