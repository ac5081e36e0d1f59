namespace Tracking.LoadTests.Sweep;

/// <summary>How right a set of candidates is against the generator's truth.</summary>
internal sealed record MatchQuality(int Auto, int WrongAuto, int Review, double FoundPercent)
{
    public override string ToString() => $"auto {Auto:N0} ({WrongAuto} wrong), review {Review:N0}, found {FoundPercent:0.00}% of true pairs";
}
