using Tracking.Domain.Seizures;

namespace Tracking.Grains.Exchanges;

/// <summary>What came of sending a request: the answer at once, accepted (the answer follows), or a failure to retry.</summary>
public sealed record ExchangeDelivery(ExchangeReply? Reply, bool Accepted, string? Failure)
{
    public static ExchangeDelivery Answered(ExchangeReply reply) => new(reply, true, null);

    public static ExchangeDelivery Pending { get; } = new(null, true, null);

    public static ExchangeDelivery Failed(string why) => new(null, false, why);
}
