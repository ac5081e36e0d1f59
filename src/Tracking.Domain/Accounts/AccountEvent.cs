using Tracking.Domain.Matching;

namespace Tracking.Domain.Accounts;

public abstract record AccountEvent
{
    private protected AccountEvent()
    {
    }
}

public sealed record AccountReported(AccountProfile Profile) : AccountEvent;

public sealed record AccountCandidateRecorded(MatchCandidate Candidate) : AccountEvent;

public sealed record AccountCandidateWithdrawn(string TaxpayerId) : AccountEvent;
