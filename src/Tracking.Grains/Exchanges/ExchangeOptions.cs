namespace Tracking.Grains.Exchanges;

/// <summary>Where the exchanges' APIs are and how long to wait for them.</summary>
public sealed class ExchangeOptions
{
    /// <summary>Each exchange's API is at <c>{ApiRoot}/{exchange}/</c>, as the exchange simulator serves them. Default none.</summary>
    public Uri? ApiRoot { get; set; }

    /// <summary>Where exchanges post results; without one, results are fetched by asking again. Default none.</summary>
    public Uri? CallbackUrl { get; set; }

    /// <summary>
    /// The office's secret each exchange's callback key is derived from
    /// (<see cref="Tracking.ExchangeApi.CallbackSignature.ExchangeKey"/>). Without one, every
    /// callback is refused, and results are fetched by asking again. Default none.
    /// </summary>
    public byte[]? CallbackSecret { get; set; }

    /// <summary>How long one request may take before it counts as failed and is retried later. Default 5 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Connections open to the exchanges' API address (<see cref="ApiRoot"/>, one host for all of
    /// them) at most; further requests wait for one, within <see cref="RequestTimeout"/>. Without a
    /// bound, tens of thousands of seizures waking together opened a connection each until the
    /// machine ran out of file handles. At least 1. Default 64.
    /// </summary>
    public int MaxConnections { get; set; } = 64;

    public Uri BaseAddressOf(string exchange) =>
        ApiRoot is { } root ? new Uri(root, Uri.EscapeDataString(exchange) + "/")
        : throw new ExchangeUnreachableException($"no API address is configured for exchange {exchange} (set --exchange-url or TRACKING_EXCHANGE_URL)");
}
