namespace Tracking.LoadTests.Lifecycle;

/// <summary>
/// One store's seizure lifecycle: the baseline (one durable taxpayer write per call), the opening
/// calls as transitions per second with latencies per transition, then distribution and close by reminder.
/// </summary>
internal sealed record StoreLifecycleFigures(string Store, Throughput Baseline, Throughput Open, long DistributionTransitions, double DistributionPerSecond, int Closed);
