using Tracking.Domain.Accounts;

namespace Tracking.Domain.Tests;

public sealed class AccountDeciderTests
{
    private static readonly AccountProfile s_reported = new("upbit", "U-1", "김민준", null, "01012345678", null, null, [new Holding("KRW", 1_000_000m, 0m)]);

    [Fact]
    public void A_report_is_recorded_once_and_the_same_report_again_records_nothing()
    {
        var first = AccountDecider.Decide(ExchangeAccount.Empty("upbit", "U-1"), new AccountCommand.Report(s_reported));

        Assert.Equal([new AccountReported(s_reported)], first.Events);
        var state = AccountDecider.ApplyAll(ExchangeAccount.Empty("upbit", "U-1"), first.Events);
        Assert.Equal(s_reported, state.Profile);
        Assert.Empty(AccountDecider.Decide(state, new AccountCommand.Report(s_reported with { Holdings = [new Holding("KRW", 1_000_000m, 0m)] })).Events);
    }

    [Fact]
    public void Changed_holdings_are_a_new_report_and_another_account_s_report_is_refused()
    {
        var state = AccountDecider.ApplyAll(ExchangeAccount.Empty("upbit", "U-1"), [new AccountReported(s_reported)]);
        var changed = s_reported with { Holdings = [] };

        Assert.Equal([new AccountReported(changed)], AccountDecider.Decide(state, new AccountCommand.Report(changed)).Events);
        Assert.NotNull(AccountDecider.Decide(state, new AccountCommand.Report(s_reported with { AccountId = "U-2" })).Rejection);
        Assert.NotNull(AccountDecider.Decide(state, new AccountCommand.Report(s_reported with { Exchange = "bithumb" })).Rejection);
    }
}
