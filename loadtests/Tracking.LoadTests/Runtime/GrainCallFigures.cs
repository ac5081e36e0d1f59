namespace Tracking.LoadTests;

/// <summary>
/// What the grain-call benchmark measured, each call awaited before the next unless said. The
/// own runtime's benchmark did not measure the calls between grains and processes (null there).
/// </summary>
internal sealed record GrainCallFigures(
    CallCost Plain,
    CallCost InSilo,
    CallCost Measured,
    CallCost Traced,
    CallCost Sampled,
    int Workers,
    double ParallelNsPerCallPerCore,
    double ParallelCallsPerSecond,
    double? GrainToGrainNs,
    double? ClientToSiloNs,
    double? SiloToSiloNs);
