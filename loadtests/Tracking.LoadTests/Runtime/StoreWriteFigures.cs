namespace Tracking.LoadTests;

/// <summary>
/// One store's durable writes: one transaction per write (the baseline), grain writes through our
/// store with group commit, and grain writes through Orleans' own ADO.NET grain storage (which the
/// own runtime did not have: null there).
/// </summary>
internal sealed record StoreWriteFigures(string Store, Throughput Baseline, Throughput GroupCommit, Throughput? OrleansAdoNet);
