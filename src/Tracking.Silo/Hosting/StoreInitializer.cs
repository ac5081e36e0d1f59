using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Tracking.Storage;
using Tracking.Storage.Views;

namespace Tracking.Silo.Hosting;

/// <summary>
/// Brings the store's schema up to date and makes the read models' indexes before anything else
/// in the silo starts, Orleans' clustering and reminders included (they read their SQL from it).
/// </summary>
internal sealed partial class StoreInitializer(ITrackingStore store, IReadOnlyList<ViewDefinition> views, ILogger<StoreInitializer> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(StoreInitializer), ServiceLifecycleStage.First, async ct =>
        {
            await store.InitializeAsync(ct);
            await store.Views.EnsureAsync(views, ct);
            LogReady(logger, store.Description);
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "Store ready: {Store}")]
    private static partial void LogReady(ILogger logger, string store);
}
