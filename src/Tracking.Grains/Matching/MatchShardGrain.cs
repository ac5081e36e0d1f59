using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Tracking.Domain.Identity;
using Tracking.Domain.Matching;
using Tracking.Domain.Matching.Weights;
using Tracking.Grains.Persistence;

namespace Tracking.Grains.Matching;

/// <summary>
/// One partition of the distributed hash join: holds the identities whose blocking keys hash
/// here (filed as events, so the state row stays small) and compares those that meet.
/// </summary>
[GrainType("match-shard")]
public sealed class MatchShardGrain([FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time)
    : EventSourcedGrain<MatchShardState, MatchShardEvent>, IMatchShardGrain
{
    private readonly Dictionary<string, Dictionary<string, (IndexedTaxpayer Entry, TaxpayerIdentity Identity)>> _taxpayers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<(string, string), (IndexedAccount Entry, AccountIdentity Identity)>> _accounts = new(StringComparer.Ordinal);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        foreach (var recorded in await ReadHistoryAsync(cancellationToken))
        {
            File(recorded.Event);
        }
    }

    public async Task<int> IndexTaxpayersAsync(IReadOnlyList<IndexedTaxpayer> entries, CancellationToken cancellationToken)
    {
        var fresh = entries
            .Where(e => !(_taxpayers.TryGetValue(e.Key, out var filed) && filed.TryGetValue(e.TaxpayerId, out var old) && old.Entry == e))
            .DistinctBy(e => (e.Key, e.TaxpayerId))
            .ToArray();
        return await CommitAsync(fresh.Length == 0 ? null : new TaxpayersIndexed(fresh), fresh.Length, 0, cancellationToken);
    }

    public async Task<int> IndexAccountsAsync(IReadOnlyList<IndexedAccount> entries, CancellationToken cancellationToken)
    {
        var fresh = entries
            .Where(e => !(_accounts.TryGetValue(e.Key, out var filed) && filed.TryGetValue((e.Exchange, e.AccountId), out var old) && old.Entry == e))
            .DistinctBy(e => (e.Key, e.Exchange, e.AccountId))
            .ToArray();
        return await CommitAsync(fresh.Length == 0 ? null : new AccountsIndexed(fresh), 0, fresh.Length, cancellationToken);
    }

    public async Task<int> UnfileTaxpayerAsync(string taxpayerId, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var filed = FiledUnder(_taxpayers, keys, taxpayerId);
        return -await CommitAsync(filed.Length == 0 ? null : new TaxpayerUnfiled(taxpayerId, filed), -filed.Length, 0, cancellationToken);
    }

    public async Task<int> UnfileAccountAsync(string exchange, string accountId, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var filed = FiledUnder(_accounts, keys, (exchange, accountId));
        return -await CommitAsync(filed.Length == 0 ? null : new AccountUnfiled(exchange, accountId, filed), 0, -filed.Length, cancellationToken);
    }

    public Task<ShardSample> SampleAsync(int identities, int pairs, CancellationToken cancellationToken)
    {
        var sampled = KeysToLearnFrom(pairs);
        var met = new Dictionary<(string, string, string), (TaxpayerIdentity Taxpayer, AccountIdentity Account, HashSet<string> Rules)>();
        foreach (var (key, taxpayer, account) in Pairs(sampled))
        {
            var pair = (taxpayer.Entry.TaxpayerId, account.Entry.Exchange, account.Entry.AccountId);
            if (!met.TryGetValue(pair, out var meeting))
            {
                met[pair] = meeting = (taxpayer.Identity, account.Identity, new HashSet<string>(StringComparer.Ordinal));
            }

            meeting.Rules.Add(BlockingKeys.RuleOf(key).Name);
        }

        var taxpayerKeys = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var accountKeys = new Dictionary<(string, string), IReadOnlyList<string>>();
        var counter = new ComparisonCounter();
        foreach (var (taxpayer, account, rules) in met.Values)
        {
            var evidence = MatchEvidence.Between(taxpayer, account);
            counter.AddMeeting(evidence, rules);

            // A pair sharing keys in several shards is counted once among the pairs compared: with its first shared key, if that one is sampled.
            if (!taxpayerKeys.TryGetValue(taxpayer.TaxpayerId, out var ofTaxpayer))
            {
                taxpayerKeys[taxpayer.TaxpayerId] = ofTaxpayer = BlockingKeys.For(taxpayer);
            }

            if (!accountKeys.TryGetValue((account.Exchange, account.AccountId), out var ofAccount))
            {
                accountKeys[(account.Exchange, account.AccountId)] = ofAccount = BlockingKeys.For(account);
            }

            var first = ofTaxpayer.Intersect(ofAccount, StringComparer.Ordinal).Min(StringComparer.Ordinal);
            if (first is not null && sampled.Contains(first))
            {
                counter.AddCompared(evidence);
            }
        }

        foreach (var key in _taxpayers.Keys.Union(_accounts.Keys).Where(k => BlockingKeys.RuleOf(k).Exact))
        {
            counter.AddKeyBlock(BlockingKeys.RuleOf(key), _taxpayers.GetValueOrDefault(key)?.Count ?? 0, _accounts.GetValueOrDefault(key)?.Count ?? 0);
        }

        // Identities are filed under each of their keys: each is owned by the shard of its first key.
        var taxpayers = _taxpayers.SelectMany(b => b.Value.Values.Where(t => BlockingKeys.For(t.Identity)[0] == b.Key)).Select(t => t.Entry).ToArray();
        var accounts = _accounts.SelectMany(b => b.Value.Values.Where(a => BlockingKeys.For(a.Identity)[0] == b.Key)).Select(a => a.Entry).ToArray();
        return Task.FromResult(new ShardSample(
            counter.ToSample(taxpayers.Length, accounts.Length),
            // The lowest hashes of their ids: as if at random, and the same whatever order they were filed in.
            [.. taxpayers.OrderBy(t => MatchIndex.Hash(t.TaxpayerId)).ThenBy(t => t.TaxpayerId, StringComparer.Ordinal).Take(identities)],
            [.. accounts.OrderBy(a => MatchIndex.Hash($"{a.Exchange}/{a.AccountId}")).ThenBy(a => a.Exchange, StringComparer.Ordinal).ThenBy(a => a.AccountId, StringComparer.Ordinal).Take(identities)]));
    }

    public Task<IReadOnlyList<MatchCandidate>> FindCandidatesAsync(MatchModel? model, CancellationToken cancellationToken)
    {
        var compared = new HashSet<(string, string, string)>();
        var candidates = new List<MatchCandidate>();
        foreach (var (_, taxpayer, account) in Pairs())
        {
            if (compared.Add((taxpayer.Entry.TaxpayerId, account.Entry.Exchange, account.Entry.AccountId))
                && IdentityMatcher.Match(taxpayer.Identity, account.Identity, model) is { } candidate)
            {
                candidates.Add(candidate);
            }
        }

        CollectionTelemetry.Comparisons.Add(compared.Count);
        return Task.FromResult<IReadOnlyList<MatchCandidate>>(candidates);
    }

    /// <summary>
    /// Keys in the order of their hash until the pairs they hold reach <paramref name="pairs"/>: a
    /// sample of whole blocks, the same whatever order they were filed in. The weights need far
    /// fewer pairs than a national sweep compares; learning stays a fraction of the comparing.
    /// </summary>
    private HashSet<string> KeysToLearnFrom(int pairs)
    {
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        var held = 0L;
        foreach (var key in _accounts.Keys.Where(_taxpayers.ContainsKey).OrderBy(MatchIndex.Hash).ThenBy(k => k, StringComparer.Ordinal))
        {
            if (held >= pairs)
            {
                break;
            }

            chosen.Add(key);
            held += (long)_accounts[key].Count * _taxpayers[key].Count;
        }

        return chosen;
    }

    /// <summary>Every taxpayer and account filed under the same key here (of <paramref name="keys"/>, if given), once per key they share.</summary>
    private IEnumerable<(string Key, (IndexedTaxpayer Entry, TaxpayerIdentity Identity) Taxpayer, (IndexedAccount Entry, AccountIdentity Identity) Account)> Pairs(HashSet<string>? keys = null)
    {
        foreach (var (key, accounts) in _accounts)
        {
            if ((keys is null || keys.Contains(key)) && _taxpayers.TryGetValue(key, out var taxpayers))
            {
                foreach (var account in accounts.Values)
                {
                    foreach (var taxpayer in taxpayers.Values)
                    {
                        yield return (key, taxpayer, account);
                    }
                }
            }
        }
    }

    protected override MatchShardState CreateInitialState() => new(0, 0);

    private async Task<int> CommitAsync(MatchShardEvent? filed, int taxpayers, int accounts, CancellationToken cancellationToken)
    {
        if (filed is null)
        {
            return 0;
        }

        await WriteStateAsync(new MatchShardState(State.Taxpayers + taxpayers, State.Accounts + accounts), [filed], time.GetUtcNow(), cancellationToken);
        File(filed);
        return taxpayers + accounts;
    }

    private void File(MatchShardEvent filed)
    {
        switch (filed)
        {
            case TaxpayersIndexed indexed:
                foreach (var entry in indexed.Entries)
                {
                    Bucket(_taxpayers, entry.Key)[entry.TaxpayerId] = (entry, entry.Identity());
                }

                break;
            case AccountsIndexed indexed:
                foreach (var entry in indexed.Entries)
                {
                    Bucket(_accounts, entry.Key)[(entry.Exchange, entry.AccountId)] = (entry, entry.Identity());
                }

                break;
            case TaxpayerUnfiled unfiled:
                Unfile(_taxpayers, unfiled.Keys, unfiled.TaxpayerId);
                break;
            case AccountUnfiled unfiled:
                Unfile(_accounts, unfiled.Keys, (unfiled.Exchange, unfiled.AccountId));
                break;
        }
    }

    /// <summary>Which of these keys the record is filed under here.</summary>
    private static string[] FiledUnder<TKey, TValue>(Dictionary<string, Dictionary<TKey, TValue>> index, IEnumerable<string> keys, TKey id)
        where TKey : notnull =>
        [.. keys.Where(k => index.TryGetValue(k, out var bucket) && bucket.ContainsKey(id)).Distinct(StringComparer.Ordinal)];

    private static void Unfile<TKey, TValue>(Dictionary<string, Dictionary<TKey, TValue>> index, IEnumerable<string> keys, TKey id)
        where TKey : notnull
    {
        foreach (var key in keys)
        {
            if (index.TryGetValue(key, out var bucket) && bucket.Remove(id) && bucket.Count == 0)
            {
                index.Remove(key);
            }
        }
    }

    private static Dictionary<TKey, TValue> Bucket<TKey, TValue>(Dictionary<string, Dictionary<TKey, TValue>> index, string key)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var bucket))
        {
            index[key] = bucket = [];
        }

        return bucket;
    }
}

/// <summary>How many identities a shard holds; the identities themselves live in its history.</summary>
public sealed record MatchShardState(int Taxpayers, int Accounts);

public abstract record MatchShardEvent;

public sealed record TaxpayersIndexed(IReadOnlyList<IndexedTaxpayer> Entries) : MatchShardEvent;

public sealed record AccountsIndexed(IReadOnlyList<IndexedAccount> Entries) : MatchShardEvent;

/// <summary>A taxpayer unfiled from keys its changed record no longer has.</summary>
public sealed record TaxpayerUnfiled(string TaxpayerId, IReadOnlyList<string> Keys) : MatchShardEvent;

/// <summary>An account unfiled from keys its changed record no longer has.</summary>
public sealed record AccountUnfiled(string Exchange, string AccountId, IReadOnlyList<string> Keys) : MatchShardEvent;
