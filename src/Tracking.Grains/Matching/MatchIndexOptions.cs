namespace Tracking.Grains.Matching;

/// <summary>How long the match index stays in the silos between sweeps.</summary>
public sealed class MatchIndexOptions
{
    /// <summary>
    /// How long the shards keep a finished sweep's index, so that the next sweep files again only
    /// the records changed since (a working day of exchanges' lists). The index is most of a silo's
    /// memory during a sweep, and it stays that while kept; zero lets it go after each sweep, which
    /// then files everything. Default 8 hours.
    /// </summary>
    public TimeSpan KeptFor { get; set; } = TimeSpan.FromHours(8);
}
