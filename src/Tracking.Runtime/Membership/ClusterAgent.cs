using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Tracking.Runtime.Diagnostics;
using Tracking.Runtime.Placement;

namespace Tracking.Runtime.Membership;

/// <summary>
/// A silo's part in the cluster, on a steady beat: heartbeat, renew the leases it holds, read who
/// is alive and who holds what, claim the free partitions rendezvous hashing gives it, and hand
/// over those it should no longer hold (drain, deactivate, release). A client only reads.
/// </summary>
internal sealed partial class ClusterAgent(
    ClusterOptions options,
    IMembershipTable membership,
    ILeaseTable leases,
    PartitionMap map,
    Func<int, CancellationToken, Task> deactivatePartition,
    Func<int> activationCount,
    ILogger logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<int, Task> _handovers = [];
    private Task _loop = Task.CompletedTask;
    private volatile bool _suspended;
    private long _lastBeat = Stopwatch.GetTimestamp();

    /// <summary>This silo's status as last read from the membership table.</summary>
    public SiloMemberStatus Status { get; private set; } = SiloMemberStatus.Active;

    /// <summary>How long since a beat last read (and, for a member, wrote) the cluster's tables: how long storage has not been reached.</summary>
    public TimeSpan SinceLastBeat => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastBeat));

    /// <summary>Raised once an operator asked this silo to stop and it has handed every partition over.</summary>
    public event Action? StopRequested;

    /// <summary>Joins (a member) and runs the first beat, so the silo starts with its share of the free partitions.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.ClientOnly)
        {
            await membership.JoinAsync(options.SiloId, options.Address!, cancellationToken).ConfigureAwait(false);
        }

        await BeatAsync(cancellationToken).ConfigureAwait(false);
        _loop = RunAsync(_stopping.Token);
    }

    /// <summary>Stops heartbeating and renewing while everything else runs on, as a silo frozen by a long pause would. For fault-injection tests.</summary>
    public void Suspend() => _suspended = true;

    public void Resume() => _suspended = false;

    /// <summary>
    /// Leaves gracefully: marks this silo as left, so the beat hands every partition over, and
    /// waits until the other silos (if any are alive) hold them all. The beat goes on until the agent is disposed,
    /// so calls still passing through here keep finding the new owners.
    /// </summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        if (!options.ClientOnly)
        {
            await membership.SetStatusAsync(options.SiloId, SiloMemberStatus.Left, cancellationToken).ConfigureAwait(false);
            var deadline = Stopwatch.GetTimestamp() + (long)(options.LeaseDuration.TotalSeconds * 3 * Stopwatch.Frequency);
            while (!(map.HeldPartitions().Count == 0 && (map.EveryPartitionPlaced() || !map.OthersLive)) && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(options.HeartbeatInterval, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        // Membership runs on wall-clock time, whatever clock the grains see.
        using var timer = new PeriodicTimer(options.HeartbeatInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                if (_suspended)
                {
                    continue;
                }

                try
                {
                    await BeatAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    LogBeatFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposed: the beat ends here.
        }
    }

    private async Task BeatAsync(CancellationToken cancellationToken)
    {
        var sentAt = Stopwatch.GetTimestamp();
        if (!options.ClientOnly)
        {
            await HeartbeatAndRenewAsync(sentAt, cancellationToken).ConfigureAwait(false);
        }

        var silos = await membership.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        var all = await leases.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        map.Observe(all, silos, options.SiloTimeout);
        if (!options.ClientOnly)
        {
            await RebalanceAsync(silos, all, sentAt, cancellationToken).ConfigureAwait(false);
        }

        Interlocked.Exchange(ref _lastBeat, Stopwatch.GetTimestamp());
    }

    private async Task HeartbeatAndRenewAsync(long sentAt, CancellationToken cancellationToken)
    {
        var status = await membership.HeartbeatAsync(options.SiloId, activationCount(), cancellationToken).ConfigureAwait(false);
        if (status is null)
        {
            // Someone removed this silo's row: it is still here, so it joins again.
            await membership.JoinAsync(options.SiloId, options.Address!, cancellationToken).ConfigureAwait(false);
            status = SiloMemberStatus.Active;
        }

        Status = status.Value;
        var held = map.HeldLeases();
        var renewed = await leases.RenewAsync(options.SiloId, held, options.LeaseDuration, cancellationToken).ConfigureAwait(false);
        map.Hold(renewed, sentAt);
        var lostLeases = held.ExceptBy(renewed.Select(r => r.Partition), l => l.Partition).ToArray();
        RuntimeTelemetry.RecordLeaseChange(options.SiloId, "lost", lostLeases.Length);
        foreach (var lost in lostLeases)
        {
            // Expired or taken: the store refuses this silo's writes for it already; drop its grains.
            LogLeaseLost(logger, lost.Partition, lost.Epoch);
            map.Drop(lost.Partition);
            _ = deactivatePartition(lost.Partition, CancellationToken.None);
        }
    }

    private async Task RebalanceAsync(IReadOnlyList<SiloEntry> silos, IReadOnlyList<PartitionLease> all, long sentAt, CancellationToken cancellationToken)
    {
        var live = silos.Where(s => s.IsLive(options.SiloTimeout)).Select(s => s.Id).ToList();
        var active = Status == SiloMemberStatus.Active;
        if (active && !live.Contains(options.SiloId))
        {
            live.Add(options.SiloId);
        }

        var wanted = all
            .Where(l => active && !map.Holds(l.Partition) && l.IsFree && Rendezvous.Owner(l.Partition, live) == options.SiloId)
            .Select(l => l.Partition)
            .ToArray();
        var claimed = await leases.ClaimAsync(options.SiloId, wanted, options.LeaseDuration, cancellationToken).ConfigureAwait(false);
        map.Hold(claimed, sentAt);
        RuntimeTelemetry.RecordLeaseChange(options.SiloId, "claimed", claimed.Count);
        if (claimed.Count > 0)
        {
            LogClaimed(logger, claimed.Count);
        }

        foreach (var partition in map.HeldPartitions())
        {
            // Hand over only to a live silo (or when this one is going), never into the void.
            var owner = active ? Rendezvous.Owner(partition, live) : null;
            if (owner != options.SiloId && (owner is not null || !active))
            {
                StartHandover(partition);
            }
        }

        foreach (var done in _handovers.Where(h => h.Value.IsCompleted).Select(h => h.Key).ToArray())
        {
            _handovers.Remove(done);
        }

        map.Signal();
        if (Status == SiloMemberStatus.Stopping && _handovers.Count == 0 && map.HeldPartitions().Count == 0)
        {
            StopRequested?.Invoke();
        }
    }

    private void StartHandover(int partition)
    {
        if (!_handovers.ContainsKey(partition) && map.HeldLeases().FirstOrDefault(l => l.Partition == partition) is { } lease)
        {
            _handovers[partition] = HandOverAsync(lease);
        }
    }

    private async Task HandOverAsync(PartitionLease lease)
    {
        try
        {
            map.MarkDraining(lease.Partition);
            await deactivatePartition(lease.Partition, CancellationToken.None).ConfigureAwait(false);
            await leases.ReleaseAsync(options.SiloId, lease, CancellationToken.None).ConfigureAwait(false);
            RuntimeTelemetry.RecordLeaseChange(options.SiloId, "released", 1);
            LogHandedOver(logger, lease.Partition);
        }
        catch (Exception ex)
        {
            // The lease then simply expires, and the next owner claims it after that.
            LogHandoverFailed(logger, lease.Partition, ex);
        }
        finally
        {
            map.Drop(lease.Partition);
            map.Signal();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster heartbeat failed; retrying on the next beat")]
    private static partial void LogBeatFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the lease of partition {Partition} (epoch {Epoch}); its grains are dropped")]
    private static partial void LogLeaseLost(ILogger logger, int partition, long epoch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Claimed {Count} partitions")]
    private static partial void LogClaimed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Handed partition {Partition} over")]
    private static partial void LogHandedOver(ILogger logger, int partition);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handing partition {Partition} over failed; its lease will expire instead")]
    private static partial void LogHandoverFailed(ILogger logger, int partition, Exception exception);
}
