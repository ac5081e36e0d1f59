using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tracking.Grains;
using Tracking.Grains.Serialization;
using Tracking.Runtime.Hosting;

namespace Tracking.Silo.Hosting;

/// <summary>Builds a silo hosting Tracking's grains on the chosen storage.</summary>
public static class TrackingSilo
{
    public static Runtime.Hosting.Silo Create(
        StorageSettings storage,
        ILoggerFactory loggerFactory,
        TimeProvider? timeProvider = null,
        Action<SiloOptions>? configure = null,
        IServiceProvider? services = null)
    {
        var options = new SiloOptions { Json = TrackingJson.Options };
        configure?.Invoke(options);
        return new Runtime.Hosting.Silo(
            options,
            storage.CreateProvider(),
            new GrainTypeRegistry().AddTrackingGrains(),
            services ?? new ServiceCollection().BuildServiceProvider(),
            loggerFactory,
            timeProvider ?? TimeProvider.System);
    }
}
