using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Tracking.Grains;
using Tracking.Grains.Exchanges;

namespace Tracking.LoadTests.Office;

/// <summary>
/// What the silo in this process did, second by second, from its own metrics: seizures entering a
/// state, and requests to the exchanges by outcome (a failed one is retried by the outbox).
/// </summary>
internal sealed class SiloActivity : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Func<double> _now;
    private readonly ConcurrentDictionary<(string Series, int Second), long> _counts = new();

    /// <param name="now">Seconds into the run, the same clock the requests are logged on.</param>
    public SiloActivity(Func<double> now)
    {
        _now = now;

        // Read before the listener starts: an instrument first created inside its callback would not be offered to it.
        var transitions = CollectionTelemetry.SeizureTransitions;
        var requests = ExchangeTelemetry.Requests;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument == transitions || instrument == requests)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var series = instrument == transitions ? Transitions : ExchangeSeries(tags);
            _counts.AddOrUpdate((series, (int)_now()), value, (_, total) => total + value);
        });
        _listener.Start();
    }

    public const string Transitions = "seizure transitions";

    public const string ExchangeFailed = "exchange requests failed";

    public const string ExchangeSent = "exchange requests";

    public long Total(string series) => _counts.Where(c => c.Key.Series == series).Sum(c => c.Value);

    public long At(string series, int second) => _counts.GetValueOrDefault((series, second));

    private static string ExchangeSeries(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "tracking.outcome" && tag.Value is "failed")
            {
                return ExchangeFailed;
            }
        }

        return ExchangeSent;
    }

    public void Dispose() => _listener.Dispose();
}
