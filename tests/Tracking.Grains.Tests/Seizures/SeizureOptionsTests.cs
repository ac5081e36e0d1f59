using Microsoft.Extensions.DependencyInjection;
using Tracking.Domain.Seizures;
using Tracking.Grains.Exchanges;
using Tracking.Grains.Seizures;

namespace Tracking.Grains.Tests.Seizures;

public sealed class SeizureOptionsTests
{
    [Fact]
    public void A_silo_refuses_a_policy_that_distributes_later_than_the_law_allows()
    {
        var unlawful = new SeizureOptions { Policy = SeizurePolicy.Default with { DistributionDelay = TimeSpan.FromDays(31) } };

        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddTrackingGrainServices(new ExchangeOptions(), unlawful));

        Assert.Contains("30 days", error.Message);
    }

    [Fact]
    public void Retries_back_off_doubling_up_to_the_longest_wait()
    {
        var options = new SeizureOptions();

        Assert.Equal(
            [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4), TimeSpan.FromHours(1), TimeSpan.FromHours(1)],
            new[] { 1, 2, 3, 7, 40 }.Select(options.RetryDelay));
    }
}
