namespace Tracking.Domain.Accounts;

/// <summary>The exchange account's state machine: decide(state, command) → events; apply(state, event) → state.</summary>
public static class AccountDecider
{
    public static Decision<AccountEvent> Decide(ExchangeAccount state, AccountCommand command) => command switch
    {
        AccountCommand.Report report when report.Profile.Exchange != state.Exchange || report.Profile.AccountId != state.AccountId =>
            Decision<AccountEvent>.Reject($"report of {report.Profile.Exchange}/{report.Profile.AccountId} sent to {state.Exchange}/{state.AccountId}"),
        AccountCommand.Report report => report.Profile.Equals(state.Profile) ? Decision<AccountEvent>.Accept() : Decision<AccountEvent>.Accept(new AccountReported(report.Profile)),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown account command."),
    };

    public static ExchangeAccount Apply(ExchangeAccount state, AccountEvent @event) => @event switch
    {
        AccountReported reported => state with { Profile = reported.Profile },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unknown account event."),
    };

    public static ExchangeAccount ApplyAll(ExchangeAccount state, IEnumerable<AccountEvent> events) => events.Aggregate(state, Apply);
}
