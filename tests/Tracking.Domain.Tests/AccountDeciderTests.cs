using Tracking.Domain.Accounts;
using Tracking.Domain.Matching;

namespace Tracking.Domain.Tests;

public sealed class AccountDeciderTests
{
    [Fact]
    public void A_withdrawn_review_candidate_leaves_the_account_and_an_automatic_one_or_another_taxpayer_s_stays()
    {
        var review = new MatchCandidate("T-1", "upbit", "U-1", MatchDecision.Review, 70, ["name"]);
        var other = review with { TaxpayerId = "T-2" };
        var state = AccountDecider.ApplyAll(ExchangeAccount.Empty("upbit", "U-1"), [new AccountCandidateRecorded(review), new AccountCandidateRecorded(other)]);

        var withdrawn = AccountDecider.Decide(state, new AccountCommand.WithdrawCandidate("T-1"));

        Assert.Equal([new AccountCandidateWithdrawn("T-1")], withdrawn.Events);
        var after = AccountDecider.ApplyAll(state, withdrawn.Events);
        Assert.Equal(["T-2"], after.Candidates.Select(c => c.TaxpayerId));
        Assert.Empty(AccountDecider.Decide(after, new AccountCommand.WithdrawCandidate("T-1")).Events);

        var automatic = AccountDecider.ApplyAll(ExchangeAccount.Empty("upbit", "U-1"), [new AccountCandidateRecorded(review with { Decision = MatchDecision.Auto })]);
        Assert.Empty(AccountDecider.Decide(automatic, new AccountCommand.WithdrawCandidate("T-1")).Events);
    }
}
