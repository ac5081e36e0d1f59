namespace Tracking.LoadTests.Sweep;

/// <summary>One store's grain path, files to recorded candidates; end to end includes the parse.</summary>
internal sealed record SweepStoreFigures(
    string Store,
    double ImportRollSeconds,
    double TaxpayersPerSecond,
    double ImportAccountsSeconds,
    double AccountRowsPerSecond,
    double SweepSeconds,
    double CandidatesPerSecond,
    double EndToEndSeconds,
    double EndToEndRowsPerSecond,
    MatchQuality Quality)
{
    /// <summary>One exchange's file imported again with 1% of its accounts changed (holdings only), then a sweep: the seconds of each, and their sum as a share of end to end.</summary>
    public double ReimportSeconds { get; init; }

    public double ResweepSeconds { get; init; }

    public double IncrementalShareOfFullRun { get; init; }
}
