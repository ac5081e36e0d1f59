using Tracking.Domain.Accounts;
using Tracking.Domain.Seizures;
using Tracking.Grains.Exchanges;

namespace Tracking.LoadTests.Lifecycle;

/// <summary>
/// An exchange that answers every request at once, in process: it takes the exchange's latency
/// out of the measurement so that what is measured is the silo's own durable transitions.
/// Every account holds <see cref="Krw"/> won.
/// </summary>
internal sealed class InstantExchange : IExchangeGateway
{
    public const long Krw = 2_000_000;
    private static readonly IReadOnlyDictionary<string, decimal> s_prices = new Dictionary<string, decimal> { ["BTC"] = 100_000_000m };
    private long _transfers;

    public Task<ExchangeDelivery> SendAsync(string exchange, string accountId, string caseReference, ExchangeRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(ExchangeDelivery.Answered(request.Kind switch
        {
            ExchangeRequestKind.SeizureNotice => new ExchangeReply.Frozen(request.RequestId, [new Holding(Seizure.KrwAsset, Krw, 0)]),
            ExchangeRequestKind.RemitKrw => new ExchangeReply.Remitted(request.RequestId, request.Amount, $"TR-{Interlocked.Increment(ref _transfers)}"),
            ExchangeRequestKind.Release => new ExchangeReply.Released(request.RequestId),
            _ => throw new InvalidOperationException($"the benchmark's accounts hold only KRW; nothing to {request.Kind}"),
        }));

    public Task<IReadOnlyDictionary<string, decimal>> GetPricesAsync(string exchange, CancellationToken cancellationToken) => Task.FromResult(s_prices);
}
