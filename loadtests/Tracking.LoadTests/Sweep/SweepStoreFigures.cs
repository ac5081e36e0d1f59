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
    MatchQuality Quality);
