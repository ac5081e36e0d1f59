using System.Collections.Concurrent;

namespace Tracking.ExchangeSim;

/// <summary>Current KRW prices by asset, shared by every simulated exchange; set by the operator and moved by sales.</summary>
public sealed class PriceBoard
{
    private readonly ConcurrentDictionary<string, decimal> _prices = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, decimal> Snapshot() => new Dictionary<string, decimal>(_prices);

    public decimal? Of(string asset) => _prices.TryGetValue(asset, out var price) ? price : null;

    public void Set(IReadOnlyDictionary<string, decimal> prices)
    {
        foreach (var (asset, price) in prices)
        {
            _prices[asset.ToUpperInvariant()] = price;
        }
    }

    /// <summary>Moves an asset's price by <paramref name="factor"/>, keeping whole won.</summary>
    public void Move(string asset, decimal factor) =>
        _prices.AddOrUpdate(asset, 0, (_, price) => Math.Max(1, Math.Round(price * factor)));
}
