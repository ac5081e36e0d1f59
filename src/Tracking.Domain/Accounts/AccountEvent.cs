namespace Tracking.Domain.Accounts;

public abstract record AccountEvent
{
    private protected AccountEvent()
    {
    }
}

public sealed record AccountReported(AccountProfile Profile) : AccountEvent;
