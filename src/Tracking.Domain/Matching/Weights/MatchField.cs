namespace Tracking.Domain.Matching.Weights;

/// <summary>The fields a taxpayer and an account are compared on, each weighed on its own.</summary>
public enum MatchField
{
    Rrn,
    Name,
    Birth,
    Phone,
}
