using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tracking.Grains;
using Tracking.Grains.Exchanges;
using Tracking.Grains.Serialization;
using Tracking.Runtime.Hosting;
using Tracking.Runtime.Persistence;

namespace Tracking.Silo.Hosting;

/// <summary>Builds a silo hosting Tracking's grains on the chosen storage.</summary>
public static class TrackingSilo
{
    /// <summary>A silo on <paramref name="storage"/>; without <paramref name="services"/>, grains reach the exchanges at <see cref="ExchangeSettings.Variable"/>.</summary>
    public static Runtime.Hosting.Silo Create(
        IStorageProvider storage,
        ILoggerFactory loggerFactory,
        TimeProvider? timeProvider = null,
        Action<SiloOptions>? configure = null,
        IServiceProvider? services = null)
    {
        services ??= new ServiceCollection()
            .AddSingleton(loggerFactory)
            .AddTrackingGrainServices(new ExchangeOptions { ApiRoot = ExchangeSettings.ApiRootFromEnvironment() }, SiloConfiguration.Seizures())
            .BuildServiceProvider();
        var options = new SiloOptions().UseTrackingGrains();
        SiloConfiguration.Apply(options);
        options.RemoteExceptions
            .Add(message => new CommandRejectedException(message))
            .Add(message => new ExchangeUnreachableException(message));
        configure?.Invoke(options);
        return new Runtime.Hosting.Silo(
            options,
            storage,
            new GrainTypeRegistry().AddTrackingGrains(),
            services,
            loggerFactory,
            timeProvider ?? TimeProvider.System);
    }
}
