namespace Tracking.ExchangeApi.Simulator;

/// <summary>How badly one simulated exchange behaves. The defaults are a well-behaved exchange.</summary>
public sealed record FaultOptions
{
    /// <summary>Extra time before answering any request, drawn between these bounds. Default 0–5 ms.</summary>
    public int MinLatencyMs { get; init; }

    public int MaxLatencyMs { get; init; } = 5;

    /// <summary>Share of requests answered 503 without being looked at. Default 0.</summary>
    public double ErrorRate { get; init; }

    /// <summary>Share of requests that are carried out but answered only after <see cref="TimeoutMs"/>, past the caller's patience. Default 0.</summary>
    public double TimeoutRate { get; init; }

    public int TimeoutMs { get; init; } = 10_000;

    /// <summary>Time the exchange takes to carry a request out, between these bounds. Default 0–20 ms.</summary>
    public int MinProcessingMs { get; init; }

    public int MaxProcessingMs { get; init; } = 20;

    /// <summary>Share of callbacks sent twice. Default 0.</summary>
    public double DuplicateCallbackRate { get; init; }

    /// <summary>Share of callbacks never sent; the caller must ask again. Default 0.</summary>
    public double DropCallbackRate { get; init; }

    /// <summary>Callbacks wait up to this long, so they arrive out of order. Default 0.</summary>
    public int MaxCallbackDelayMs { get; init; }

    /// <summary>Accounts closed before any seizure notice reaches them.</summary>
    public IReadOnlyList<string> ClosedAccounts { get; init; } = [];

    /// <summary>Fills are up to this share below the market price. Default 0.5 %.</summary>
    public decimal MaxSlippage { get; init; } = 0.005m;

    /// <summary>The exchange's fee on sales. Default 0.05 % (Upbit's KRW market).</summary>
    public decimal FeeRate { get; init; } = 0.0005m;

    /// <summary>After each sale the sold asset's price moves by up to this share either way. Default 0.</summary>
    public decimal PriceDrift { get; init; }
}
