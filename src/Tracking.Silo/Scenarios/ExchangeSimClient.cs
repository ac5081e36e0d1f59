using System.Net.Http.Json;
using Tracking.ExchangeApi;
using Tracking.ExchangeApi.Simulator;

namespace Tracking.Silo.Scenarios;

/// <summary>The operator's side of the exchange simulator: load accounts, set prices and faults, watch its work.</summary>
public sealed class ExchangeSimClient(HttpClient http, Uri root)
{
    public Uri Root { get; } = root;

    public async Task PutAccountsAsync(string exchange, IReadOnlyList<SimAccountLoad> accounts, CancellationToken cancellationToken)
    {
        using var response = await http.PutAsJsonAsync(Url($"admin/exchanges/{exchange}/accounts"), accounts, ExchangeApiJson.Default.IReadOnlyListSimAccountLoad, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task SetFaultsAsync(string exchange, FaultOptions faults, CancellationToken cancellationToken)
    {
        using var response = await http.PutAsJsonAsync(Url($"admin/exchanges/{exchange}/faults"), faults, ExchangeApiJson.Default.FaultOptions, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task SetPricesAsync(IReadOnlyDictionary<string, decimal> prices, CancellationToken cancellationToken)
    {
        using var response = await http.PutAsJsonAsync(Url("admin/prices"), prices, ExchangeApiJson.Default.IReadOnlyDictionaryStringDecimal, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task<SimPending> GetPendingAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync(Url("admin/pending"), ExchangeApiJson.Default.SimPending, cancellationToken)
        ?? throw new InvalidDataException("the simulator sent no pending counts");

    public async Task<IReadOnlyList<SimRequestState>> GetRequestsAsync(string exchange, CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync(Url($"admin/exchanges/{exchange}/requests"), ExchangeApiJson.Default.IReadOnlyListSimRequestState, cancellationToken) ?? [];

    public async Task<SimAccountState?> GetAccountAsync(string exchange, string accountId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(Url($"admin/exchanges/{exchange}/accounts/{Uri.EscapeDataString(accountId)}"), cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync(ExchangeApiJson.Default.SimAccountState, cancellationToken) : null;
    }

    private Uri Url(string path) => new(Root, path);
}
