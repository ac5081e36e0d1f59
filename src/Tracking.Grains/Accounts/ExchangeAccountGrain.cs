using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Tracking.Domain.Accounts;
using Tracking.Domain.Matching;
using Tracking.Grains.Imports;
using Tracking.Grains.Matching;
using Tracking.Grains.Persistence;
using Tracking.Storage;

namespace Tracking.Grains.Accounts;

[GrainType(ExchangeAccountGrain.TypeName)]
public sealed class ExchangeAccountGrain([FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time)
    : EventSourcedGrain<ExchangeAccount, AccountEvent>, IExchangeAccountGrain
{
    /// <summary>The type name its rows are stored under.</summary>
    public const string TypeName = "exchange-account";

    public async Task<RecordOutcome> ReportAsync(AccountProfile profile, CancellationToken cancellationToken)
    {
        var isNew = State.Profile is null;
        return !await DecideAsync(new AccountCommand.Report(profile), cancellationToken, Creation(profile, DateTimeOffset.UnixEpoch).RecordHash) ? RecordOutcome.Unchanged
            : isNew ? RecordOutcome.New : RecordOutcome.Changed;
    }

    /// <summary>A never-written account as the exchange reports it, for bulk creation; the same result as <see cref="ReportAsync"/> on a new grain.</summary>
    public static Storage.Persistence.StateWrite Creation(AccountProfile profile, DateTimeOffset now)
    {
        var events = AccountDecider.Decide(ExchangeAccount.Empty(profile.Exchange, profile.AccountId), new AccountCommand.Report(profile)).Events;
        var account = Made(profile.Exchange, profile.AccountId, events);
        return Creation(new GrainKey(TypeName, AccountKey.Of(profile.Exchange, profile.AccountId)), account, events, views: null, MatchedFields.Of(account), now);
    }

    /// <summary>Whether the account stored as <paramref name="stored"/> would take the report as no change, as <see cref="ReportAsync"/> decides: an import need not call it.</summary>
    public static bool TakesAsUnchanged(AccountProfile profile, Storage.Persistence.StoredState stored)
    {
        var account = GrainStateJson.DeserializeState<ExchangeAccount, AccountEvent>(stored, events => Made(profile.Exchange, profile.AccountId, events));
        var decision = AccountDecider.Decide(account, new AccountCommand.Report(profile));
        return decision.Rejection is null && decision.Events.Count == 0;
    }

    public Task<ExchangeAccount> GetAsync(CancellationToken cancellationToken) => Task.FromResult(State);

    protected override string? IndexedOf(ExchangeAccount state) => MatchedFields.Of(state);

    protected override ExchangeAccount FromEvents(IReadOnlyList<AccountEvent> events)
    {
        var (exchange, accountId) = AccountKey.Parse(this.GetPrimaryKeyString());
        return Made(exchange, accountId, events);
    }

    /// <summary>The account <paramref name="events"/> make of a new one.</summary>
    private static ExchangeAccount Made(string exchange, string accountId, IReadOnlyList<AccountEvent> events) =>
        AccountDecider.ApplyAll(ExchangeAccount.Empty(exchange, accountId), events);

    protected override ExchangeAccount CreateInitialState()
    {
        var (exchange, accountId) = AccountKey.Parse(this.GetPrimaryKeyString());
        return ExchangeAccount.Empty(exchange, accountId);
    }

    /// <param name="recordHash">The reported record's hash, for a report (<see cref="Storage.Persistence.StateWrite.RecordHash"/>).</param>
    private async Task<bool> DecideAsync(AccountCommand command, CancellationToken cancellationToken, long? recordHash)
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

        await WriteStateAsync(AccountDecider.ApplyAll(State, decision.Events), decision.Events, time.GetUtcNow(), cancellationToken, recordHash);
        return true;
    }
}
