namespace Tracking.Runtime.Transport;

/// <summary>A forwarded call reached a silo that does not hold the grain's partition; it answers 421 and the sender looks again.</summary>
internal sealed class PartitionNotHereException(int partition) : Exception($"Partition {partition} is not held here.");
