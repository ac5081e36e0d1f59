using Tracking.Runtime.Membership;
using Tracking.Runtime.Placement;
using Tracking.Runtime.Reminders;

namespace Tracking.Runtime.Persistence;

/// <summary>A storage back end: the silo brings its schema up to date at start, then uses its tables.</summary>
public interface IStorageProvider : IAsyncDisposable
{
    /// <summary>A short description for logs and errors, without secrets.</summary>
    string Description { get; }

    /// <summary>Connects and applies pending schema migrations; throws if storage cannot be reached.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>How many write batches the store can usefully commit at once (an embedded file: 1).</summary>
    int MaxConcurrentWriteBatches { get; }

    IGrainStorage States { get; }

    IReminderTable Reminders { get; }

    /// <summary>Read models kept with grain state and records appended on their own.</summary>
    Views.IViewStore Views { get; }

    /// <summary>Silos sharing this store; null for a store only one silo can use (embedded).</summary>
    IMembershipTable? Membership => null;

    /// <summary>Partition leases fencing every write; null for a store only one silo can use (embedded).</summary>
    ILeaseTable? Leases => null;
}
