using System.Diagnostics;
using Tracking.Runtime.Membership;

namespace Tracking.Runtime.Placement;

/// <summary>
/// A silo's view of the partitions: the leases it holds (with how long it may rely on each by its
/// own clock) and, from the last read of the lease table, where the others live. Read on every
/// call, changed by the cluster agent.
/// </summary>
internal sealed class PartitionMap(string silo, int partitionCount, TimeSpan safetyMargin, bool clientOnly)
{
    private readonly Held?[] _held = new Held?[partitionCount];
    private Uri?[] _owners = new Uri?[partitionCount];
    private Uri[] _gateways = [];
    private TaskCompletionSource _changed = NewSignal();

    public string Silo { get; } = silo;

    public int PartitionCount => _held.Length;

    /// <summary>Completes at the next change of the view; callers that must wait for a partition to settle wait on it.</summary>
    public Task Changed => Volatile.Read(ref _changed).Task;

    public PartitionRoute Route(int partition)
    {
        if (Volatile.Read(ref _held[partition]) is { } held)
        {
            return !held.Draining && Stopwatch.GetTimestamp() < held.UsableUntil ? PartitionRoute.Local : PartitionRoute.Wait;
        }

        if (Volatile.Read(ref _owners)[partition] is { } owner)
        {
            return new PartitionRoute(PartitionRouteKind.Remote, owner);
        }

        // A client hands a call for a partition in motion to any silo, which waits for it to settle.
        var gateways = Volatile.Read(ref _gateways);
        return clientOnly && gateways.Length > 0 ? new PartitionRoute(PartitionRouteKind.Remote, gateways[Random.Shared.Next(gateways.Length)]) : PartitionRoute.Wait;
    }

    /// <summary>The fence for a write to <paramref name="partition"/>: the lease held here, however close to lapsing (the store decides).</summary>
    public LeaseFence FenceFor(GrainId grain, int partition) =>
        Volatile.Read(ref _held[partition])?.Fence ?? throw new PartitionMovedException(grain, partition);

    public IReadOnlyList<PartitionLease> HeldLeases() => _held.OfType<Held>().Select(h => h.Lease).ToArray();

    public IReadOnlyList<int> HeldPartitions() => _held.OfType<Held>().Select(h => h.Lease.Partition).ToArray();

    /// <summary>Some other silo is alive to take partitions over.</summary>
    public bool OthersLive => Volatile.Read(ref _gateways).Length > 0;

    /// <summary>Every partition is held here or has a known live owner elsewhere.</summary>
    public bool EveryPartitionPlaced()
    {
        var owners = Volatile.Read(ref _owners);
        return Enumerable.Range(0, _held.Length).All(p => owners[p] is not null || Volatile.Read(ref _held[p]) is not null);
    }

    public bool Holds(int partition) => Volatile.Read(ref _held[partition]) is not null;

    /// <summary>Records leases won or renewed by a request sent at <paramref name="sentAt"/>: they are usable until their remaining time, counted from then, less the safety margin.</summary>
    public void Hold(IEnumerable<PartitionLease> leases, long sentAt)
    {
        foreach (var lease in leases)
        {
            var usableUntil = sentAt + (long)((lease.Remaining - safetyMargin).TotalSeconds * Stopwatch.Frequency);
            var draining = Volatile.Read(ref _held[lease.Partition]) is { Draining: true };
            Volatile.Write(ref _held[lease.Partition], new Held(lease, new LeaseFence(Silo, lease.Epoch), usableUntil, draining));
        }
    }

    /// <summary>Stops taking new calls for a partition being handed over; calls already accepted finish under the lease.</summary>
    public void MarkDraining(int partition)
    {
        if (Volatile.Read(ref _held[partition]) is { } held)
        {
            Volatile.Write(ref _held[partition], held with { Draining = true });
        }
    }

    public void Drop(int partition) => Volatile.Write(ref _held[partition], null);

    /// <summary>Takes in a fresh read of the lease and membership tables.</summary>
    public void Observe(IReadOnlyList<PartitionLease> leases, IReadOnlyList<SiloEntry> silos, TimeSpan siloTimeout)
    {
        var live = silos.Where(s => s.IsLive(siloTimeout)).ToDictionary(s => s.Id, s => s.Address);
        var owners = new Uri?[_held.Length];
        foreach (var lease in leases)
        {
            if (lease.Owner is { } owner && owner != Silo && !lease.IsFree && live.TryGetValue(owner, out var address))
            {
                owners[lease.Partition] = address;
            }
        }

        Volatile.Write(ref _owners, owners);
        Volatile.Write(ref _gateways, live.Where(s => s.Key != Silo).Select(s => s.Value).ToArray());
        Signal();
    }

    /// <summary>Forgets where a partition lives after a silo said it is not there, until the next read.</summary>
    public void Forget(int partition) => Volatile.Read(ref _owners)[partition] = null;

    /// <summary>Wakes everyone waiting for a change.</summary>
    public void Signal() => Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed record Held(PartitionLease Lease, LeaseFence Fence, long UsableUntil, bool Draining);
}
