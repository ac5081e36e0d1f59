using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tracking.Grains.Exchanges;
using Tracking.Grains.Seizures;

namespace Tracking.Grains;

/// <summary>The services Tracking's grains are created with.</summary>
public static class GrainServices
{
    public static IServiceCollection AddTrackingGrainServices(this IServiceCollection services, ExchangeOptions exchanges, SeizureOptions seizures)
    {
        if (seizures.Policy.Problem() is { } problem)
        {
            throw new ArgumentException($"The seizure policy is not usable: {problem}.", nameof(seizures));
        }

        services.AddSingleton(exchanges);
        services.AddSingleton(seizures);
        services.AddSingleton<IExchangeGateway>(_ => new HttpExchangeGateway(new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }), exchanges));
        services.TryAddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.TryAddSingleton(typeof(ILogger<>), typeof(Logger<>));
        return services;
    }
}
