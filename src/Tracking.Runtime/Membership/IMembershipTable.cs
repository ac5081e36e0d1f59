namespace Tracking.Runtime.Membership;

/// <summary>Which silos make up the cluster and when each last showed signs of life.</summary>
public interface IMembershipTable
{
    /// <summary>Registers a silo as active (or re-registers it after a restart under the same id).</summary>
    Task JoinAsync(string silo, Uri address, CancellationToken cancellationToken);

    /// <summary>Records a sign of life; returns the silo's recorded status (an operator may have asked it to drain), or null if its row is gone.</summary>
    Task<SiloMemberStatus?> HeartbeatAsync(string silo, int activations, CancellationToken cancellationToken);

    /// <summary>Sets a silo's status; false if there is no such silo.</summary>
    Task<bool> SetStatusAsync(string silo, SiloMemberStatus status, CancellationToken cancellationToken);

    Task<IReadOnlyList<SiloEntry>> ReadAllAsync(CancellationToken cancellationToken);
}
