using Tracking.Grains.Matching;

namespace Tracking.Grains.Tests;

public sealed class ExchangeNamesTests
{
    [Fact]
    public void Equal_names_come_back_as_one_string()
    {
        // Made at run time, so that neither is the other (nor a literal the compiler shares).
        var first = string.Concat("upbit-", "shared-test");
        var second = string.Concat("upbit-shared", "-test");
        Assert.NotSame(first, second);

        var shared = ExchangeNames.Shared(first);
        Assert.Same(shared, ExchangeNames.Shared(second));
        Assert.Equal(first, shared);
        Assert.Equal("bithumb-shared-test", ExchangeNames.Shared(string.Concat("bithumb-", "shared-test")));
    }
}
