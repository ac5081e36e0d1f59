using Tracking.Grains.Sweeps;

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
    /// <summary>The sweep's own account of where its time went.</summary>
    public SweepPhases? SweepPhases { get; init; }

    /// <summary>
    /// How late a 100-ms tick on the thread pool ran during the sweep, at most and at the 99th
    /// percentile, and at most in the same process idle just before it: what the silo's own timers
    /// and a case read waited for (<see cref="TickLateness"/>).
    /// </summary>
    public double SweepTickLateMaxMs { get; init; }

    public double SweepTickLateP99Ms { get; init; }

    /// <summary>The most a tick ran late in each phase: filing, learning, comparing, recording.</summary>
    public double[] SweepTickLateMaxMsByPhase { get; init; } = [];

    public double IdleTickLateMaxMs { get; init; }

    /// <summary>One exchange's file imported again with 1% of its accounts changed (half of them the holder's phone), then a sweep: the seconds of each, and their sum as a share of end to end.</summary>
    public double ReimportSeconds { get; init; }

    public double ResweepSeconds { get; init; }

    /// <summary>How many records the sweep after the change filed again (null: it filed everything).</summary>
    public long? ResweepRecordsRevised { get; init; }

    /// <summary>In percent: the JSON line keeps two decimals, which made a share of 0.098 read 0.1 against a target of 10%.</summary>
    public double IncrementalPercentOfFullRun { get; init; }

    /// <summary>The same records then swept in full, as a check: its seconds, what it found new or re-weighed, and the review items it no longer found.</summary>
    public double FullResweepSeconds { get; init; }

    public int FullResweepNewOrReweighed { get; init; }

    public int FullResweepNoLongerFound { get; init; }

    /// <summary>Of what the full sweep found new or re-weighed: pairs the sweep of the changes had not found at all, and pairs it had with another decision.</summary>
    public int FullResweepNewPairs { get; init; }

    public int FullResweepOtherDecision { get; init; }

    /// <summary>
    /// Of those pairs, the ones the sweep of the changes should have found: its own weights (the
    /// last full sweep's) show them as the full sweep does. The rest are the relearnt weights'.
    /// </summary>
    public int FullResweepNewPairsMissed { get; init; }

    /// <summary>Of the pairs with another decision, those whose earlier candidate its own weights no longer give (kept from an earlier sweep, not withdrawn).</summary>
    public int FullResweepOtherDecisionKept { get; init; }
}
