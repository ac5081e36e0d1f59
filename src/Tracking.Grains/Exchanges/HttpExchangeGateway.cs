using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using Tracking.Domain.Seizures;
using Tracking.ExchangeApi;

namespace Tracking.Grains.Exchanges;

/// <summary>Speaks the exchanges' HTTP API. Every failure comes back as a <see cref="ExchangeDelivery.Failed"/> for the outbox to retry.</summary>
public sealed class HttpExchangeGateway(HttpClient http, ExchangeOptions options) : IExchangeGateway
{
    private readonly ConcurrentDictionary<string, Task<IReadOnlyDictionary<string, decimal>>> _priceFetches = new(StringComparer.Ordinal);

    public async Task<ExchangeDelivery> SendAsync(string exchange, string accountId, string caseReference, ExchangeRequest request, CancellationToken cancellationToken)
    {
        // The HTTP client's own span (when recorded) carries the trace on to the exchange as traceparent.
        using var activity = ExchangeTelemetry.Source.StartActivity($"exchange {request.Kind}", ActivityKind.Client);
        activity?.SetTag("tracking.exchange", exchange);
        var delivery = await DeliverAsync(exchange, accountId, caseReference, request, cancellationToken).ConfigureAwait(false);
        ExchangeTelemetry.Record(activity, exchange, request.Kind.ToString(), delivery);
        return delivery;
    }

    private async Task<ExchangeDelivery> DeliverAsync(string exchange, string accountId, string caseReference, ExchangeRequest request, CancellationToken cancellationToken)
    {
        var body = new CaseRequest(request.RequestId, accountId, caseReference, options.CallbackUrl?.ToString())
        {
            Amount = request.Kind == ExchangeRequestKind.RemitKrw ? request.Amount : null,
            Orders = request.Kind == ExchangeRequestKind.Sell ? request.Orders.Select(o => MarketOrder.Sell(o.Asset, o.Quantity)).ToArray() : null,
        };
        var path = request.Kind switch
        {
            ExchangeRequestKind.SeizureNotice => ExchangeApiPaths.Seizures,
            ExchangeRequestKind.Sell => ExchangeApiPaths.Orders,
            ExchangeRequestKind.RemitKrw => ExchangeApiPaths.KrwWithdrawals,
            _ => ExchangeApiPaths.Releases,
        };
        try
        {
            using var timeout = Deadline(cancellationToken);
            using var response = await http.PostAsJsonAsync(new Uri(options.BaseAddressOf(exchange), path), body, ExchangeApiJson.Default.CaseRequest, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return ExchangeDelivery.Failed($"{exchange} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            var answer = await response.Content.ReadFromJsonAsync(ExchangeApiJson.Default.CaseResponse, timeout.Token).ConfigureAwait(false);
            return answer?.Result is { } result ? ExchangeDelivery.Answered(ExchangeReplies.From(result)) : ExchangeDelivery.Pending;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ExchangeDelivery.Failed($"{exchange} did not answer within {options.RequestTimeout.TotalSeconds:0.#} s");
        }
        catch (Exception ex) when (ex is HttpRequestException or ExchangeUnreachableException or System.Text.Json.JsonException or InvalidDataException)
        {
            return ExchangeDelivery.Failed($"{exchange}: {ex.Message}");
        }
    }

    /// <summary>
    /// Callers asking while a fetch of the exchange's prices is on its way share its answer: forty
    /// thousand seizures whose sale waits end together make one request at a time, not forty thousand
    /// connections (which ran a silo out of file handles). Nothing is kept once it has answered.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, decimal>> GetPricesAsync(string exchange, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_priceFetches.TryGetValue(exchange, out var onItsWay))
            {
                return await onItsWay.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            var fetch = new TaskCompletionSource<IReadOnlyDictionary<string, decimal>>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_priceFetches.TryAdd(exchange, fetch.Task))
            {
                // On the thread pool, not in the asking grain's turn: no single caller's cancellation or scheduler holds it.
                _ = Task.Run(() => FetchForEveryoneAsync(exchange, fetch), CancellationToken.None);
                return await fetch.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Leaves the table before it answers, so that a caller after the answer fetches anew.</summary>
    private async Task FetchForEveryoneAsync(string exchange, TaskCompletionSource<IReadOnlyDictionary<string, decimal>> fetch)
    {
        var prices = FetchPricesAsync(exchange);
        await ((Task)prices).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _priceFetches.TryRemove(KeyValuePair.Create(exchange, fetch.Task));
        fetch.SetFromTask(prices);
    }

    private async Task<IReadOnlyDictionary<string, decimal>> FetchPricesAsync(string exchange)
    {
        try
        {
            using var timeout = new CancellationTokenSource(options.RequestTimeout);
            var tickers = await http.GetFromJsonAsync(new Uri(options.BaseAddressOf(exchange), ExchangeApiPaths.Ticker), ExchangeApiJson.Default.IReadOnlyListTicker, timeout.Token).ConfigureAwait(false);
            // A ticker that names no market prices nothing.
            return (tickers ?? []).Where(t => t.Market is not null).ToDictionary(t => new MarketOrder(t.Market, 0).Asset, t => t.TradePrice, StringComparer.Ordinal);
        }
        catch (OperationCanceledException ex)
        {
            throw new ExchangeUnreachableException($"{exchange} gave no prices within {options.RequestTimeout.TotalSeconds:0.#} s", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ExchangeUnreachableException($"{exchange} gave no prices: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or ArgumentException or InvalidDataException or NotSupportedException)
        {
            // A malformed answer (not JSON, an asset twice, a market that names none) is the exchange's fault, not the caller's.
            throw new ExchangeUnreachableException($"{exchange} gave prices that cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>Cancelled by the caller or when <see cref="ExchangeOptions.RequestTimeout"/> passes, whichever comes first.</summary>
    private CancellationTokenSource Deadline(CancellationToken cancellationToken)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        return timeout;
    }
}
