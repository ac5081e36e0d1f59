using Tracking.Domain;
using Tracking.Domain.Accounts;
using Tracking.Grains.Imports;
using Tracking.Runtime;

namespace Tracking.Grains.Accounts;

[GrainType("exchange-account")]
public sealed class ExchangeAccountGrain : Grain<ExchangeAccount, AccountEvent>, IExchangeAccountGrain,
    IHandle<ReportAccount, RecordOutcome>,
    IHandle<RecordAccountCandidate, bool>,
    IHandle<GetAccount, ExchangeAccount>
{
    public async Task<RecordOutcome> HandleAsync(ReportAccount message, CancellationToken cancellationToken)
    {
        var isNew = State.Profile is null;
        return !await DecideAsync(new AccountCommand.Report(message.Profile), cancellationToken) ? RecordOutcome.Unchanged
            : isNew ? RecordOutcome.New : RecordOutcome.Changed;
    }

    /// <summary>A never-written account as the exchange reports it, for bulk creation; the same result as <see cref="ReportAccount"/> on a new grain.</summary>
    public static GrainCreation<ExchangeAccount, AccountEvent> Creation(ReportAccount message)
    {
        var profile = message.Profile;
        var empty = ExchangeAccount.Empty(profile.Exchange, profile.AccountId);
        var events = AccountDecider.Decide(empty, new AccountCommand.Report(profile)).Events;
        return new GrainCreation<ExchangeAccount, AccountEvent>(AccountKey.Of(profile.Exchange, profile.AccountId), AccountDecider.ApplyAll(empty, events), events);
    }

    public Task<bool> HandleAsync(RecordAccountCandidate message, CancellationToken cancellationToken) =>
        DecideAsync(new AccountCommand.RecordCandidate(message.Candidate), cancellationToken);

    public Task<ExchangeAccount> HandleAsync(GetAccount message, CancellationToken cancellationToken) => Task.FromResult(State);

    protected override ExchangeAccount CreateInitialState()
    {
        var (exchange, accountId) = AccountKey.Parse(Id.Key);
        return ExchangeAccount.Empty(exchange, accountId);
    }

    private async Task<bool> DecideAsync(AccountCommand command, CancellationToken cancellationToken)
    {
        var decision = AccountDecider.Decide(State, command);
        if (decision.Rejection is { } reason)
        {
            throw new CommandRejectedException(reason);
        }

        if (decision.Events.Count == 0)
        {
            return false;
        }

        await WriteStateAsync(AccountDecider.ApplyAll(State, decision.Events), decision.Events, cancellationToken);
        return true;
    }
}
