using System.Net;
using System.Text;
using Tracking.Grains.Exchanges;

namespace Tracking.Grains.Tests.Exchanges;

/// <summary>
/// Prices asked for by many seizures at once: one request to the exchange while it is on its way,
/// its answer (or failure) shared, nothing kept afterwards, and one caller giving up ends nobody
/// else's wait. The exchange here is an HTTP handler that counts requests and answers when told.
/// </summary>
public sealed class HttpExchangeGatewayTests
{
    private static readonly ExchangeOptions s_options = new() { ApiRoot = new Uri("http://exchanges.invalid/") };

    [Fact]
    public async Task Callers_asking_while_a_fetch_is_on_its_way_share_it_and_a_later_caller_fetches_anew()
    {
        var exchange = new HeldExchange();
        var gateway = new HttpExchangeGateway(new HttpClient(exchange), s_options);

        var waiting = Enumerable.Range(0, 50).Select(_ => gateway.GetPricesAsync("upbit", CancellationToken.None)).ToArray();
        await exchange.AskedAsync(1);
        exchange.Answer("""[{"market":"KRW-BTC","trade_price":90000000}]""");
        foreach (var prices in await Task.WhenAll(waiting))
        {
            Assert.Equal(90_000_000m, prices["BTC"]);
        }

        Assert.Equal(1, exchange.Requests);

        var later = gateway.GetPricesAsync("upbit", CancellationToken.None);
        await exchange.AskedAsync(2);
        exchange.Answer("""[{"market":"KRW-BTC","trade_price":91000000}]""");
        Assert.Equal(91_000_000m, (await later)["BTC"]);
    }

    [Fact]
    public async Task One_caller_giving_up_ends_only_its_own_wait()
    {
        var exchange = new HeldExchange();
        var gateway = new HttpExchangeGateway(new HttpClient(exchange), s_options);
        using var patience = new CancellationTokenSource();

        var impatient = gateway.GetPricesAsync("bithumb", patience.Token);
        var patient = gateway.GetPricesAsync("bithumb", CancellationToken.None);
        await exchange.AskedAsync(1);
        await patience.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);

        exchange.Answer("""[{"market":"KRW-ETH","trade_price":5000000}]""");
        Assert.Equal(5_000_000m, (await patient)["ETH"]);
        Assert.Equal(1, exchange.Requests);
    }

    [Fact]
    public async Task A_failed_fetch_fails_everyone_waiting_on_it_as_unreachable_and_the_next_caller_asks_again()
    {
        var exchange = new HeldExchange();
        var gateway = new HttpExchangeGateway(new HttpClient(exchange), s_options);

        var waiting = Enumerable.Range(0, 10).Select(_ => gateway.GetPricesAsync("korbit", CancellationToken.None)).ToArray();
        await exchange.AskedAsync(1);
        exchange.Fail(new HttpRequestException("Too many open files in system"));
        foreach (var fetch in waiting)
        {
            var refused = await Assert.ThrowsAsync<ExchangeUnreachableException>(() => fetch);
            Assert.Equal("korbit gave no prices: Too many open files in system", refused.Message);
        }

        var again = gateway.GetPricesAsync("korbit", CancellationToken.None);
        await exchange.AskedAsync(2);
        exchange.Answer("[]");
        Assert.Empty(await again);
        Assert.Equal(2, exchange.Requests);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""[{"market":"KRW-BTC","trade_price":1},{"market":"BTC","trade_price":2}]""")]
    public async Task Prices_that_cannot_be_read_are_the_exchange_s_fault(string answer)
    {
        var exchange = new HeldExchange();
        var gateway = new HttpExchangeGateway(new HttpClient(exchange), s_options);

        var fetch = gateway.GetPricesAsync("gopax", CancellationToken.None);
        await exchange.AskedAsync(1);
        exchange.Answer(answer);
        var refused = await Assert.ThrowsAsync<ExchangeUnreachableException>(() => fetch);
        Assert.StartsWith("gopax gave prices that cannot be read: ", refused.Message);
    }

    /// <summary>An exchange that holds each request until the test answers it, counting them.</summary>
    private sealed class HeldExchange : HttpMessageHandler
    {
        private readonly SemaphoreSlim _asked = new(0);
        private TaskCompletionSource<HttpResponseMessage> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        /// <summary>Returns once <paramref name="count"/> requests in all have arrived.</summary>
        public async Task AskedAsync(int count)
        {
            while (Requests < count)
            {
                Assert.True(await _asked.WaitAsync(TimeSpan.FromSeconds(10)), $"the exchange was asked {Requests} times, not {count}");
            }
        }

        public void Answer(string json) =>
            Interlocked.Exchange(ref _answer, new(TaskCreationOptions.RunContinuationsAsynchronously)).SetResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

        public void Fail(Exception failure) =>
            Interlocked.Exchange(ref _answer, new(TaskCreationOptions.RunContinuationsAsynchronously)).SetException(failure);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var answer = Volatile.Read(ref _answer).Task;
            Interlocked.Increment(ref _requests);
            _asked.Release();
            return await answer.WaitAsync(cancellationToken);
        }
    }
}
