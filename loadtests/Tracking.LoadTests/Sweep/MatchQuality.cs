namespace Tracking.LoadTests.Sweep;

/// <summary>How right a set of candidates is against the generator's truth.</summary>
/// <param name="ReviewPerPair">Review items per true pair not matched automatically: what officers read for each one they can find.</param>
internal sealed record MatchQuality(int Auto, int WrongAuto, int Review, double FoundPercent, double? ReviewPerPair = null)
{
    public override string ToString() => $"auto {Auto:N0} ({WrongAuto} wrong), review {Review:N0}{(ReviewPerPair is { } perPair ? $" ({perPair:0.00} per true pair not automatic)" : "")}, found {FoundPercent:0.00}% of true pairs";
}
