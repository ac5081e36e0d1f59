namespace Tracking.LoadTests;

/// <summary>What one awaited call cost: time, and bytes allocated in the whole process.</summary>
internal sealed record CallCost(double Ns, double Bytes);
