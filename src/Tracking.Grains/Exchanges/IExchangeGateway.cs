using Tracking.Domain.Seizures;

namespace Tracking.Grains.Exchanges;

/// <summary>The collection office's line to the exchanges.</summary>
public interface IExchangeGateway
{
    /// <summary>Sends (or sends again: requests are idempotent by id) a request about an account.</summary>
    Task<ExchangeDelivery> SendAsync(string exchange, string accountId, string caseReference, ExchangeRequest request, CancellationToken cancellationToken);

    /// <summary>Current KRW prices by asset; throws <see cref="ExchangeUnreachableException"/> when they cannot be had.</summary>
    Task<IReadOnlyDictionary<string, decimal>> GetPricesAsync(string exchange, CancellationToken cancellationToken);
}
