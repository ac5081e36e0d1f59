namespace Tracking.Runtime.Membership;

/// <summary>One silo's row in the membership table; <paramref name="SinceHeartbeat"/> is measured by the store's clock.</summary>
public sealed record SiloEntry(
    string Id,
    Uri Address,
    SiloMemberStatus Status,
    DateTimeOffset StartedAt,
    TimeSpan SinceHeartbeat,
    int Activations)
{
    /// <summary>Heartbeating recently enough to count, and willing to host partitions.</summary>
    public bool IsLive(TimeSpan siloTimeout) => Status == SiloMemberStatus.Active && SinceHeartbeat < siloTimeout;
}
