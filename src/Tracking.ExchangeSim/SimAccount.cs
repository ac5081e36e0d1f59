namespace Tracking.ExchangeSim;

/// <summary>A member's account at a simulated exchange: quantities by currency (KRW included).</summary>
internal sealed class SimAccount(string accountId)
{
    public string AccountId { get; } = accountId;

    public Dictionary<string, (decimal Total, decimal Locked)> Holdings { get; } = new(StringComparer.Ordinal);

    public bool Closed { get; set; }

    /// <summary>The case the account is frozen for, or null.</summary>
    public string? FrozenFor { get; set; }

    public decimal Total(string currency) => Holdings.TryGetValue(currency, out var h) ? h.Total : 0;

    public void Change(string currency, decimal change)
    {
        var (total, locked) = Holdings.GetValueOrDefault(currency);
        Holdings[currency] = (total + change, Math.Min(locked, total + change));
    }
}
