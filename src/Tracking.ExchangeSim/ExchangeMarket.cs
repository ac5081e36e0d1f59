using Tracking.ExchangeApi.Simulator;

using System.Collections.Concurrent;

namespace Tracking.ExchangeSim;

/// <summary>The exchanges this process plays, created on first mention, each with its own seed.</summary>
public sealed class ExchangeMarket(PriceBoard prices, SimActivity activity, CallbackSender callbacks, SimOptions options)
{
    private readonly ConcurrentDictionary<string, SimulatedExchange> _exchanges = new(StringComparer.OrdinalIgnoreCase);

    public PriceBoard Prices { get; } = prices;

    public SimActivity Activity { get; } = activity;

    public SimulatedExchange this[string name] =>
        _exchanges.GetOrAdd(name, n => new SimulatedExchange(n.ToLowerInvariant(), Prices, Activity, callbacks, options.Seed ^ StringComparer.Ordinal.GetHashCode(n.ToLowerInvariant())) { Faults = options.Faults });
}
