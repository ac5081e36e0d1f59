using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Reminders;
using Orleans.Runtime;
using Tracking.Grains;
using Tracking.Grains.Matching;
using Tracking.Grains.Serialization;
using Tracking.Silo.Reminders;
using Tracking.Silo.Telemetry;
using Tracking.Storage;
using Tracking.Storage.Persistence;
using Tracking.Storage.Reminders;
using Tracking.Storage.Views;

namespace Tracking.Silo.Hosting;

/// <summary>How an Orleans silo is set up to host Tracking's grains.</summary>
public static class TrackingSilo
{
    /// <summary>
    /// Hosts Tracking's grains on <paramref name="store"/>: their state through our store (group
    /// commit, history and read models in one transaction), Orleans' reminders in the same
    /// database (group-committed too), the domain's types as JSON, and <paramref name="clock"/> as the grains' and the
    /// reminders' time (a simulated clock runs months in seconds). Where the silo finds the others
    /// is <see cref="UseTrackingCluster"/>'s part.
    /// </summary>
    public static ISiloBuilder AddTrackingGrains(this ISiloBuilder silo, ITrackingStore store, TrackingSiloOptions options, TimeProvider clock, IReadOnlyList<ViewDefinition> views)
    {
        var services = silo.Services;
        services.AddSingleton<ITrackingStore>(_ => store);
        services.AddSingleton(store.Views);
        services.AddSingleton<SiloReadiness>();
        services.AddSingleton(sp => new GrainStateStore(store, options.Storage, sp.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString(), sp.GetRequiredService<ILogger<GrainStateStore>>()));
        services.AddSingleton(sp => new TrackingContext(sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<GrainStateStore>(), store.Views, clock));
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => new StoreInitializer(store, views, sp.GetRequiredService<ILogger<StoreInitializer>>()));
        services.AddKeyedSingleton(TimeProviderNames.Grains, clock);
        services.AddKeyedSingleton(ReminderTimeProviderNames.Reminders, clock);
        services.AddTrackingSerialization();
        services.AddSingleton(sp => new ReminderStore(store, options.Storage, sp.GetRequiredService<ILogger<ReminderStore>>()));
        silo.AddReminders();
        services.AddSingleton<IReminderTable, StoreReminderTable>();
        silo.Configure<ReminderOptions>(o =>
        {
            // A seizure's reminder comes again as often as its retry period; demonstrations and tests shorten it to seconds.
            o.MinimumReminderPeriod = TimeSpan.FromSeconds(1);

            // A reminder written while a silo dies can miss the survivor's first read of the range it
            // takes over; the periodic re-read finds it. Once a minute (one indexed read per silo), not
            // Orleans' five, so a seizure waits at most a minute longer after a silo is lost.
            o.RefreshReminderListPeriod = TimeSpan.FromMinutes(1);
            if (clock != TimeProvider.System)
            {
                // A simulated clock jumps by hours: every reminder is held ready, or a jump past it would skip it.
                o.ReminderLoadingWindow = TimeSpan.FromDays(3650);
            }
        });
        services.AddSingleton(sp => new GrainCallMonitor(sp.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString()));
        services.AddSingleton<IIncomingGrainCallFilter>(sp => sp.GetRequiredService<GrainCallMonitor>());
        RetryOnSiloLoss.AddTo(silo);
        silo.AddActivityPropagation();
        silo.AddPlacementDirector<KeyedPlacement, KeyedPlacementDirector>();
        return silo;
    }

    /// <summary>
    /// Where the silo finds the others: alone on an embedded store (localhost clustering; a
    /// gateway only if <paramref name="gatewayPort"/> is given); on PostgreSQL, through the
    /// store's membership table (Orleans' ADO.NET clustering), reachable at <paramref name="address"/>.
    /// </summary>
    public static ISiloBuilder UseTrackingCluster(this ISiloBuilder silo, ITrackingStore store, TrackingSiloOptions options, IPAddress address, int siloPort, int gatewayPort)
    {
        silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (options.ClusterId, options.ServiceId));
        if (!store.IsShared)
        {
            return silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
        }

        silo.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (store.AdoNetInvariant, store.AdoNetConnectionString));
        silo.ConfigureEndpoints(address, siloPort, gatewayPort);
        silo.Configure<ClusterMembershipOptions>(o => Copy(options.Membership, o));
        return silo;
    }

    private static void Copy(ClusterMembershipOptions from, ClusterMembershipOptions to)
    {
        to.ProbeTimeout = from.ProbeTimeout;
        to.NumMissedProbesLimit = from.NumMissedProbesLimit;
        to.NumVotesForDeathDeclaration = from.NumVotesForDeathDeclaration;
        to.TableRefreshTimeout = from.TableRefreshTimeout;
        to.IAmAliveTablePublishTimeout = from.IAmAliveTablePublishTimeout;
        to.DeathVoteExpirationTimeout = from.DeathVoteExpirationTimeout;
    }
}
