namespace Tracking.Domain.Accounts;

public abstract record AccountCommand
{
    private AccountCommand()
    {
    }

    /// <summary>The exchange's inquiry reply about the account: holder and holdings now. The same again is a no-op.</summary>
    public sealed record Report(AccountProfile Profile) : AccountCommand;
}
