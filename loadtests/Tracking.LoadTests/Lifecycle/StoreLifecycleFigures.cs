namespace Tracking.LoadTests.Lifecycle;

/// <summary>
/// One store's seizure lifecycle: the baseline (one durable taxpayer write per call), the opening
/// calls as transitions per second with latencies per transition, then distribution and close by reminder, and how many
/// closed seizures' money did not add up (the debt applied, every won collected accounted for, nothing held;
/// null where it was not checked: the own runtime's output, read for the comparison).
/// </summary>
internal sealed record StoreLifecycleFigures(string Store, Throughput Baseline, Throughput Open, long DistributionTransitions, double DistributionPerSecond, int Closed, int? MoneyMismatches);
