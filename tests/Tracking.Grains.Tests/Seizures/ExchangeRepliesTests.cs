using Tracking.Domain.Seizures;
using Tracking.ExchangeApi;
using Tracking.Grains.Exchanges;

namespace Tracking.Grains.Tests.Seizures;

public sealed class ExchangeRepliesTests
{
    [Fact]
    public void A_transfer_sent_without_its_own_reference_is_named_the_same_each_time_without_the_request_id()
    {
        var requestId = "T07-0000001@upbit/UP1#0f2c0c92f21f.3";
        var result = new CaseResult(requestId, "upbit", "T07-0000001@upbit/UP1", CaseResult.Remitted) { Amount = 50_000 };

        var first = Assert.IsType<ExchangeReply.Remitted>(ExchangeReplies.From(result));
        var again = Assert.IsType<ExchangeReply.Remitted>(ExchangeReplies.From(result));
        var other = Assert.IsType<ExchangeReply.Remitted>(ExchangeReplies.From(result with { RequestId = requestId[..^1] + "4" }));

        Assert.Equal(first.TransferReference, again.TransferReference);
        Assert.NotEqual(first.TransferReference, other.TransferReference);
        Assert.StartsWith("upbit:", first.TransferReference);
        Assert.DoesNotContain("0f2c0c92f21f", first.TransferReference);
        Assert.Equal("TX-9", Assert.IsType<ExchangeReply.Remitted>(ExchangeReplies.From(result with { TransferId = "TX-9" })).TransferReference);
    }
}
