using System.Globalization;
using Tracking.ExchangeApi;
using Tracking.ExchangeApi.Simulator;

namespace Tracking.ExchangeSim;

/// <summary>
/// One exchange: its members' accounts, the office's requests by id (each carried out at most
/// once), and how badly it behaves. All state changes happen under one lock.
/// </summary>
public sealed class SimulatedExchange(string name, PriceBoard prices, SimActivity activity, CallbackSender callbacks, int seed)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SimAccount> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimRequest> _requests = new(StringComparer.Ordinal);
    private readonly Random _random = new(seed);
    private int _transfers;

    public string Name { get; } = name;

    public FaultOptions Faults { get; set; } = new();

    /// <summary>What the caller sees of a request: a fault, or a response after some latency.</summary>
    public sealed record Reception(int StatusCode, CaseResponse? Response, TimeSpan Delay);

    public void PutAccount(string accountId, IEnumerable<(string Currency, decimal Total, decimal Locked)> holdings, bool closed)
    {
        lock (_lock)
        {
            var account = new SimAccount(accountId) { Closed = closed };
            foreach (var (currency, total, locked) in holdings)
            {
                account.Holdings[currency.ToUpperInvariant()] = (total, locked);
            }

            _accounts[accountId] = account;
        }
    }

    public Reception Receive(SimOperation operation, CaseRequest request, string? traceId)
    {
        lock (_lock)
        {
            var faults = Faults;
            var latency = TimeSpan.FromMilliseconds(_random.Next(faults.MinLatencyMs, Math.Max(faults.MinLatencyMs, faults.MaxLatencyMs) + 1));
            if (_random.NextDouble() < faults.ErrorRate)
            {
                return new Reception(StatusCodes.Status503ServiceUnavailable, null, latency);
            }

            if (_requests.TryGetValue(request.RequestId, out var known))
            {
                known.TimesAsked++;
                if (known.Operation != operation || known.Request.AccountId != request.AccountId)
                {
                    return new Reception(StatusCodes.Status409Conflict, null, latency);
                }
            }
            else
            {
                known = new SimRequest(operation, request) { TraceId = traceId };
                _requests.Add(request.RequestId, known);
                var processing = TimeSpan.FromMilliseconds(_random.Next(faults.MinProcessingMs, Math.Max(faults.MinProcessingMs, faults.MaxProcessingMs) + 1));
                activity.ProcessingStarted();
                _ = ExecuteLaterAsync(known, processing);
            }

            var response = known.Result is { } result
                ? new CaseResponse(request.RequestId, CaseResponse.Done, result)
                : new CaseResponse(request.RequestId, CaseResponse.Accepted, null);
            var delay = _random.NextDouble() < faults.TimeoutRate ? TimeSpan.FromMilliseconds(faults.TimeoutMs) : latency;
            return new Reception(StatusCodes.Status200OK, response, delay);
        }
    }

    public IReadOnlyList<CurrencyBalance>? Balances(string accountId)
    {
        lock (_lock)
        {
            return _accounts.TryGetValue(accountId, out var account) ? BalancesOf(account) : null;
        }
    }

    public SimAccountState? AccountState(string accountId)
    {
        lock (_lock)
        {
            return _accounts.TryGetValue(accountId, out var account)
                ? new SimAccountState(account.AccountId, account.Closed, account.FrozenFor, BalancesOf(account))
                : null;
        }
    }

    public IReadOnlyList<SimRequestState> Requests()
    {
        lock (_lock)
        {
            return _requests.Values
                .Select(r => new SimRequestState(r.Request.RequestId, r.Operation.ToString(), r.TimesAsked, r.Executions, r.Result?.Outcome, r.TraceId))
                .ToArray();
        }
    }

    private async Task ExecuteLaterAsync(SimRequest request, TimeSpan processing)
    {
        try
        {
            await Task.Delay(processing).ConfigureAwait(false);
            CaseResult result;
            TimeSpan callbackDelay;
            bool send, twice;
            lock (_lock)
            {
                result = Execute(request);
                request.Result = result;
                request.Executions++;
                var faults = Faults;
                callbackDelay = TimeSpan.FromMilliseconds(_random.Next(0, faults.MaxCallbackDelayMs + 1));
                send = request.Request.CallbackUrl is not null && _random.NextDouble() >= faults.DropCallbackRate;
                twice = _random.NextDouble() < faults.DuplicateCallbackRate;
            }

            if (send)
            {
                callbacks.Send(request.Request.CallbackUrl!, result, callbackDelay);
                if (twice)
                {
                    callbacks.Send(request.Request.CallbackUrl!, result, callbackDelay * 2 + TimeSpan.FromMilliseconds(5));
                }
            }
        }
        finally
        {
            activity.ProcessingFinished();
        }
    }

    private CaseResult Execute(SimRequest request)
    {
        var r = request.Request;
        var result = new CaseResult(r.RequestId, Name, r.CaseReference, "");
        if (!_accounts.TryGetValue(r.AccountId, out var account))
        {
            return result with { Outcome = CaseResult.NoSuchAccount, Detail = $"no account {r.AccountId}" };
        }

        switch (request.Operation)
        {
            case SimOperation.Seizure when account.Closed || Faults.ClosedAccounts.Contains(r.AccountId):
                account.Closed = true;
                return result with { Outcome = CaseResult.AccountClosed, Detail = "the account was closed before the notice arrived" };
            case SimOperation.Seizure:
                account.FrozenFor = r.CaseReference;
                return result with { Outcome = CaseResult.Frozen, Balances = BalancesOf(account) };
            case SimOperation.Sell:
                return result with { Outcome = CaseResult.Filled, Fills = (r.Orders ?? []).Select(o => Sell(account, o)).ToArray() };
            case SimOperation.WithdrawKrw:
                var amount = Math.Min(r.Amount ?? 0, (long)Math.Floor(account.Total("KRW")));
                account.Change("KRW", -amount);
                return result with { Outcome = CaseResult.Remitted, Amount = amount, TransferId = $"{Name}-TR-{++_transfers:D6}" };
            default:
                account.FrozenFor = null;
                return result with { Outcome = CaseResult.Released };
        }
    }

    private Fill Sell(SimAccount account, MarketOrder order)
    {
        var asset = order.Asset;
        var volume = Math.Min(order.Volume, account.Total(asset));
        var market = prices.Of(asset) ?? 0;
        var price = Math.Round(market * (1 - (decimal)_random.NextDouble() * Faults.MaxSlippage), 2);
        var funds = (long)Math.Floor(volume * price);
        var fee = (long)Math.Ceiling(funds * Faults.FeeRate);
        account.Change(asset, -volume);
        account.Change("KRW", funds - fee);
        if (Faults.PriceDrift > 0)
        {
            prices.Move(asset, 1 + (((decimal)_random.NextDouble() * 2) - 1) * Faults.PriceDrift);
        }

        return new Fill(order.Market, volume, price, funds, fee);
    }

    private static IReadOnlyList<CurrencyBalance> BalancesOf(SimAccount account) => account.Holdings
        .OrderBy(h => h.Key, StringComparer.Ordinal)
        .Select(h => new CurrencyBalance(h.Key, Number(h.Value.Total - h.Value.Locked), Number(h.Value.Locked), "0", "KRW"))
        .ToArray();

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
