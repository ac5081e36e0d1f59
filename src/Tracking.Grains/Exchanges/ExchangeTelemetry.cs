using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Tracking.Grains.Exchanges;

/// <summary>Requests to the exchanges as spans and counts: by exchange, kind and outcome; never the account or the case.</summary>
public static class ExchangeTelemetry
{
    public const string Name = "Tracking.Exchanges";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Requests sent, by outcome: answered, pending (the answer comes by callback) or failed (the outbox retries it).</summary>
    public static readonly Counter<long> Requests = Meter.CreateCounter<long>("tracking.exchange.requests", "{request}", "Requests sent to exchanges, by outcome; failed ones are retried");

    public static void Record(Activity? activity, string exchange, string kind, ExchangeDelivery delivery)
    {
        var outcome = delivery switch
        {
            { Failure: not null } => "failed",
            { Reply: not null } => "answered",
            _ => "pending",
        };
        activity?.SetTag("tracking.outcome", outcome);
        if (outcome == "failed")
        {
            activity?.SetStatus(ActivityStatusCode.Error, delivery.Failure);
        }

        Requests.Add(1, new KeyValuePair<string, object?>("tracking.exchange", exchange), new KeyValuePair<string, object?>("tracking.exchange.request", kind), new KeyValuePair<string, object?>("tracking.outcome", outcome));
    }
}
