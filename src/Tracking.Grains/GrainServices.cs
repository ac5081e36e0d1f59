using Microsoft.Extensions.DependencyInjection;
using Tracking.Grains.Exchanges;
using Tracking.Grains.Matching;
using Tracking.Grains.Seizures;
using Tracking.Grains.Suspense;
using Tracking.Grains.Taxpayers;
using Tracking.Storage.Views;

namespace Tracking.Grains;

/// <summary>The services Tracking's grains are created with, and the read models they keep.</summary>
public static class GrainServices
{
    /// <summary>The read models grains keep with their state, whose list indexes a silo makes at start.</summary>
    public static IReadOnlyList<ViewDefinition> Views { get; } = [CaseRow.Definition, ReceiptRow.Definition, ReviewRow.Definition, SuspenseRow.Definition];

    public static IServiceCollection AddTrackingGrainServices(this IServiceCollection services, ExchangeOptions exchanges, SeizureOptions seizures, MatchIndexOptions? matchIndex = null)
    {
        matchIndex ??= new MatchIndexOptions();
        if (matchIndex.KeptFor < TimeSpan.Zero)
        {
            throw new ArgumentException($"The match index cannot be kept for a negative time ({matchIndex.KeptFor}); zero lets it go after each sweep.", nameof(matchIndex));
        }

        if (seizures.Problem() is { } problem)
        {
            throw new ArgumentException($"The seizure settings are not usable: {problem}.", nameof(seizures));
        }

        if (exchanges.MaxConnections < 1)
        {
            throw new ArgumentException($"The exchanges' connections must be at least 1, not {exchanges.MaxConnections}.", nameof(exchanges));
        }

        services.AddSingleton(exchanges);
        services.AddSingleton(seizures);
        services.AddSingleton(matchIndex);
        services.AddSingleton<MatchWork>();
        services.AddSingleton<IExchangeGateway>(_ => new HttpExchangeGateway(new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), MaxConnectionsPerServer = exchanges.MaxConnections }), exchanges));
        return services;
    }
}
