using Orleans.Runtime;
using Tracking.Domain.Identity;
using Tracking.Domain.Matching;
using Tracking.Domain.Matching.Weights;

namespace Tracking.Grains.Matching;

/// <summary>
/// One partition of the distributed hash join: holds, for one sweep, the identities whose blocking
/// keys hash here, and compares those that meet. It stores nothing: a sweep files the identities
/// afresh from the taxpayers' and accounts' stored states (<see cref="MatchIndexBuilder"/>), so the
/// index can never hold a key a corrected record no longer has. A shard that lost its activation
/// mid-sweep (its silo died) no longer holds that sweep's identities and refuses to answer for it.
/// </summary>
[GrainType("match-shard")]
public sealed class MatchShardGrain : Grain, IMatchShardGrain
{
    /// <summary>
    /// How long the identities stay after the sweep's last call here: longer than a sweep spends
    /// between two calls (learning), short enough that a sweep whose silo died does not hold them long.
    /// </summary>
    private static readonly TimeSpan s_sweepKeepAlive = TimeSpan.FromMinutes(20);

    private readonly Dictionary<string, Dictionary<string, Filed<IndexedTaxpayer, TaxpayerIdentity>>> _taxpayers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<(string, string), Filed<IndexedAccount, AccountIdentity>>> _accounts = new(StringComparer.Ordinal);
    private Guid? _sweep;

    public Task BeginAsync(Guid sweep, CancellationToken cancellationToken)
    {
        _sweep = sweep;
        _taxpayers.Clear();
        _accounts.Clear();
        DelayDeactivation(s_sweepKeepAlive);
        return Task.CompletedTask;
    }

    public Task FileTaxpayersAsync(Guid sweep, IReadOnlyList<IndexedTaxpayer> entries, CancellationToken cancellationToken)
    {
        Check(sweep);
        foreach (var entry in entries)
        {
            Bucket(_taxpayers, entry.Key)[entry.TaxpayerId] = new(entry, e => e.Identity());
        }

        return Task.CompletedTask;
    }

    public Task FileAccountsAsync(Guid sweep, IReadOnlyList<IndexedAccount> entries, CancellationToken cancellationToken)
    {
        Check(sweep);
        foreach (var entry in entries)
        {
            Bucket(_accounts, entry.Key)[(entry.Exchange, entry.AccountId)] = new(entry, e => e.Identity());
        }

        return Task.CompletedTask;
    }

    public Task EndAsync(Guid sweep, CancellationToken cancellationToken)
    {
        if (_sweep == sweep)
        {
            // The identities are the bulk of a silo's memory during a sweep: gone with the activation.
            _sweep = null;
            _taxpayers.Clear();
            _accounts.Clear();
            DeactivateOnIdle();
        }

        return Task.CompletedTask;
    }

    public Task<ShardSample> SampleAsync(Guid sweep, int identities, int pairs, CancellationToken cancellationToken)
    {
        Check(sweep);
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
        var taxpayers = _taxpayers.Values.SelectMany(b => b.Values.Select(t => t.Entry).Where(t => t.First)).ToArray();
        var accounts = _accounts.Values.SelectMany(b => b.Values.Select(a => a.Entry).Where(a => a.First)).ToArray();
        return Task.FromResult(new ShardSample(
            counter.ToSample(taxpayers.Length, accounts.Length),
            // The lowest hashes of their ids: as if at random, and the same whatever order they were filed in.
            [.. taxpayers.OrderBy(t => MatchIndex.Hash(t.TaxpayerId)).ThenBy(t => t.TaxpayerId, StringComparer.Ordinal).Take(identities)],
            [.. accounts.OrderBy(a => MatchIndex.Hash($"{a.Exchange}/{a.AccountId}")).ThenBy(a => a.Exchange, StringComparer.Ordinal).ThenBy(a => a.AccountId, StringComparer.Ordinal).Take(identities)]));
    }

    public Task<IReadOnlyList<MatchCandidate>> FindCandidatesAsync(Guid sweep, MatchModel? model, CancellationToken cancellationToken)
    {
        Check(sweep);
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
    private IEnumerable<(string Key, Filed<IndexedTaxpayer, TaxpayerIdentity> Taxpayer, Filed<IndexedAccount, AccountIdentity> Account)> Pairs(HashSet<string>? keys = null)
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

    private void Check(Guid sweep)
    {
        if (_sweep != sweep)
        {
            throw new InvalidOperationException($"Match shard {this.GetPrimaryKeyString()} does not hold this sweep's identities (its silo was lost or another sweep began): run the sweep again.");
        }

        DelayDeactivation(s_sweepKeepAlive);
    }

    /// <summary>An entry filed here, its identity parsed only once it meets another (most never do).</summary>
    private sealed class Filed<TEntry, TIdentity>(TEntry entry, Func<TEntry, TIdentity> parse)
        where TIdentity : class
    {
        private TIdentity? _identity;

        public TEntry Entry => entry;

        public TIdentity Identity => _identity ??= parse(entry);
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
