using System.Collections.Concurrent;
using System.Diagnostics;
using Tracking.ExchangeApi.Simulator;
using Tracking.Grains.Exchanges;

namespace Tracking.Grains.Tests.Seizures;

/// <summary>The trace of a request to an exchange reaches the exchange: the simulator sees the span's trace id in <c>traceparent</c>.</summary>
[Collection(ExchangeSimCollection.Name)]
public sealed class ExchangeTraceTests(ExchangeSimFixture fixture)
{
    [Fact]
    public async Task A_request_to_an_exchange_carries_the_trace_of_its_span()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            // Only the exchange requests' own source: the context must go out whether or not anyone records HTTP client spans.
            ShouldListenTo = source => source.Name == ExchangeTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);

        await using var h = await LifecycleHarness.StartAsync(fixture.Simulator);
        await h.AddTaxpayerAsync("T-1", 2_000_000);
        await h.AddAccountAsync("A-1", new SimHolding("BTC", 1m, 0));
        await h.OpenAsync("T-1", "A-1");
        await h.SettleAsync();

        var notice = Assert.Single(await h.Simulator.GetRequestsAsync(h.Exchange, default), r => r.Operation == "Seizure");
        Assert.NotNull(notice.TraceId);
        Assert.Contains(spans, s => s.DisplayName == "exchange SeizureNotice" && s.TraceId.ToHexString() == notice.TraceId);
    }
}
