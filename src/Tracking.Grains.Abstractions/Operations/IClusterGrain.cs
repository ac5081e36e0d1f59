namespace Tracking.Grains.Operations;

/// <summary>The cluster as an operator sees it and runs it: its silos, what each holds and does, and stopping one. Key 0.</summary>
[Alias("cluster")]
public interface IClusterGrain : IGrainWithIntegerKey
{
    /// <summary>The silos as the cluster's membership records them; with <paramref name="askSilos"/>, each live one's figures too.</summary>
    [Alias("look")]
    Task<ClusterView> LookAsync(bool askSilos, CancellationToken cancellationToken = default);

    /// <summary>
    /// Has the silo at <paramref name="silo"/> (its address, as <see cref="SiloView.Address"/> shows it) shut
    /// down gracefully: it leaves the cluster and its grains answer elsewhere at their next call.
    /// False if no live silo has that address.
    /// </summary>
    [Alias("stop")]
    Task<bool> StopSiloAsync(string silo, CancellationToken cancellationToken = default);
}
