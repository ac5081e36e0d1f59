using Tracking.Runtime.Placement;

namespace Tracking.Runtime.Membership;

/// <summary>The cluster as the store records it at one moment.</summary>
public sealed record ClusterSnapshot(IReadOnlyList<SiloEntry> Silos, IReadOnlyList<PartitionLease> Leases);
