namespace Tracking.Runtime.Placement;

/// <summary>Partition leases: the only thing that lets a silo host a partition's grains.</summary>
public interface ILeaseTable
{
    /// <summary>Creates the cluster's lease rows, or checks that the cluster has <paramref name="partitionCount"/> partitions.</summary>
    Task EnsurePartitionsAsync(int partitionCount, CancellationToken cancellationToken);

    Task<IReadOnlyList<PartitionLease>> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>Claims those of <paramref name="partitions"/> that are free or expired, each at a new epoch; returns the leases won.</summary>
    Task<IReadOnlyList<PartitionLease>> ClaimAsync(string silo, IReadOnlyList<int> partitions, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Extends the leases <paramref name="silo"/> still holds at the given epochs; returns those renewed (a missing one is lost).</summary>
    Task<IReadOnlyList<PartitionLease>> RenewAsync(string silo, IReadOnlyList<PartitionLease> held, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Gives a lease up at once, if <paramref name="silo"/> still holds it at its epoch.</summary>
    Task ReleaseAsync(string silo, PartitionLease lease, CancellationToken cancellationToken);
}
