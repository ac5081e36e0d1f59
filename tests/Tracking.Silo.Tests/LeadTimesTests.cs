using Tracking.Silo.Api;

namespace Tracking.Silo.Tests;

public sealed class LeadTimesTests
{
    [Fact]
    public void Cases_closed_within_a_day_are_counted_in_hours_and_the_rest_in_days_against_the_mark()
    {
        var buckets = LeadTimes.Buckets([(0, 1), (1, 2), (2, 1), (6, 1), (24, 3), (25, 1), (48, 2), (240, 1), (241, 4)], markDays: 10);

        Assert.Equal(
            [
                new LeadTimeBucket(1, null, 3, true),
                new LeadTimeBucket(3, null, 1, true),
                new LeadTimeBucket(6, null, 1, true),
                new LeadTimeBucket(24, null, 3, true),
                new LeadTimeBucket(null, 2, 3, true),
                new LeadTimeBucket(null, 10, 1, true),
                new LeadTimeBucket(null, 11, 4, false),
            ],
            buckets);
    }

    [Fact]
    public void The_share_within_the_mark_is_counted_per_exchange_or_officer()
    {
        var shares = LeadTimes.Shares([("upbit", 3, 2), ("upbit", 12, 1), ("korbit", 10, 1), ("upbit", 10, 1)], markDays: 10);

        Assert.Equal([new MarkShare("korbit", 1, 1), new MarkShare("upbit", 4, 3)], shares);
    }
}
