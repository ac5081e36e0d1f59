namespace Tracking.LoadTests;

/// <summary>Things done per second by many concurrent callers, each waiting for its own, and the latency of one.</summary>
internal sealed record Throughput(double PerSecond, double P50Ms, double P99Ms);
