using Tracking.Domain.Matching;

namespace Tracking.Domain.Accounts;

public abstract record AccountCommand
{
    private AccountCommand()
    {
    }

    /// <summary>The exchange's inquiry reply about the account: holder and holdings now. The same again is a no-op.</summary>
    public sealed record Report(AccountProfile Profile) : AccountCommand;

    public sealed record RecordCandidate(MatchCandidate Candidate) : AccountCommand;

    /// <summary>The taxpayer withdrew its open review candidate for this account (a sweep no longer found it).</summary>
    public sealed record WithdrawCandidate(string TaxpayerId) : AccountCommand;
}
