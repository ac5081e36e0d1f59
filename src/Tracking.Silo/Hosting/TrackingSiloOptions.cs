using Orleans.Configuration;
using Tracking.Storage.Persistence;

namespace Tracking.Silo.Hosting;

/// <summary>
/// How a silo runs, alike for every silo of a cluster; set from <c>TRACKING_SILO__…</c>
/// environment variables (see <see cref="SiloConfiguration"/>), e.g.
/// <c>TRACKING_SILO__MEMBERSHIP__PROBETIMEOUT=00:00:02</c>.
/// </summary>
public sealed class TrackingSiloOptions
{
    /// <summary>The cluster's id: silos and clients with the same id on one store form one cluster. Default "tracking".</summary>
    public string ClusterId { get; set; } = "tracking";

    /// <summary>The installation's id, under which reminders are kept; it outlives any one cluster. Default "tracking".</summary>
    public string ServiceId { get; set; } = "tracking";

    /// <summary>Batching of state reads and writes.</summary>
    public StorageOptions Storage { get; set; } = new();

    /// <summary>
    /// How silos watch each other (Orleans' membership). Tuned so that a dead silo's grains answer
    /// elsewhere within 5 s: probes time out after 1 s (Orleans' default 5 s), 3 missed probes
    /// suspect a silo, and 2 votes (or half the silos, when fewer) declare it dead; indirect probes
    /// and Orleans' own health monitor keep a slow but live silo in.
    /// </summary>
    public ClusterMembershipOptions Membership { get; set; } = new()
    {
        ProbeTimeout = TimeSpan.FromSeconds(1),
        NumMissedProbesLimit = 3,
        NumVotesForDeathDeclaration = 2,
        TableRefreshTimeout = TimeSpan.FromSeconds(2),
        IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5),
    };
}
