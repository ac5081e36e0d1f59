using Tracking.Storage.Persistence;
using Tracking.Storage.Reminders;
using Tracking.Storage.Views;

namespace Tracking.Storage;

/// <summary>
/// Where an installation keeps everything: grain state, history and read models, reminders (ours),
/// and the tables Orleans' ADO.NET clustering uses. The schema is brought up to date at start.
/// </summary>
public interface ITrackingStore : IAsyncDisposable
{
    /// <summary>A short description for logs and errors, without secrets.</summary>
    string Description { get; }

    /// <summary>Whether silos in several processes can share it (PostgreSQL), or one process owns it (an embedded file).</summary>
    bool IsShared { get; }

    /// <summary>The ADO.NET invariant Orleans' providers (clustering) open this store with.</summary>
    string AdoNetInvariant { get; }

    /// <summary>The connection string Orleans' providers open this store with.</summary>
    string AdoNetConnectionString { get; }

    /// <summary>How many write batches the store can usefully commit at once (an embedded file: 1).</summary>
    int MaxConcurrentWriteBatches { get; }

    /// <summary>
    /// Whether every written grain has its state stored (an embedded file), or a grain created in
    /// bulk is kept as its events alone until it writes a state (PostgreSQL; <see cref="Persistence.StateWrite.StateToKeep"/>).
    /// </summary>
    bool KeepsEveryState { get; }

    IGrainStore Grains { get; }

    IViewStore Views { get; }

    IReminderRows Reminders { get; }

    /// <summary>One round trip to the store; throws if it cannot be reached.</summary>
    Task PingAsync(CancellationToken cancellationToken);

    /// <summary>Connects and applies pending schema migrations (one process at a time); throws <see cref="StorageUnavailableException"/> if storage cannot be reached.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);
}
