namespace Tracking.Runtime.Membership;

/// <summary>A silo's standing in the cluster, as recorded in the membership table.</summary>
public enum SiloMemberStatus
{
    /// <summary>Hosts its share of the partitions.</summary>
    Active,

    /// <summary>Hands its partitions over and then stays up, hosting nothing (an operator asked).</summary>
    Draining,

    /// <summary>Hands its partitions over and then shuts down (an operator asked).</summary>
    Stopping,

    /// <summary>Has left the cluster.</summary>
    Left,
}
