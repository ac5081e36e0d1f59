namespace Tracking.Runtime.Membership;

/// <summary>How a silo takes part in a cluster (a store with membership and leases, i.e. PostgreSQL).</summary>
public sealed class ClusterOptions
{
    /// <summary>This silo's id in the membership table. Default: a new random id per start.</summary>
    public string SiloId { get; set; } = "silo-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Where other silos and clients reach this silo's transport endpoint; the host sets it once it listens. Required for a member.</summary>
    public Uri? Address { get; set; }

    /// <summary>A client routes calls to the silos and hosts nothing (the CLI's <c>--cluster</c>). Default false: a member.</summary>
    public bool ClientOnly { get; set; }

    /// <summary>How often a silo heartbeats, renews its leases and rebalances. Default 1 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A silo whose last heartbeat is older than this no longer counts when partitions are assigned. Default 10 s.</summary>
    public TimeSpan SiloTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a claimed or renewed lease lasts; a dead silo's partitions are reclaimed after at most this. Default 10 s.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A lease is used for new calls only while more than this is left of it by the silo's own
    /// reckoning, so a slow renewal does not let calls start on a lease about to lapse. Default 2 s.
    /// </summary>
    public TimeSpan LeaseSafetyMargin { get; set; } = TimeSpan.FromSeconds(2);

    internal void Validate()
    {
        if (HeartbeatInterval <= TimeSpan.Zero || LeaseDuration <= HeartbeatInterval + LeaseSafetyMargin)
        {
            throw new ArgumentException(
                $"ClusterOptions: the lease duration ({LeaseDuration}) must exceed the heartbeat interval ({HeartbeatInterval}) plus the safety margin ({LeaseSafetyMargin}), or leases lapse between renewals.");
        }
    }
}
