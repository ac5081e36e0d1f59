using Orleans.Runtime;
using Tracking.Domain.Identity;
using Tracking.Domain.Matching;
using Tracking.Domain.Matching.Weights;
using Tracking.Grains.Accounts;

namespace Tracking.Grains.Matching;

/// <summary>
/// One partition of the distributed hash join: holds, for one sweep, the identities whose blocking
/// keys hash here, and compares those that meet. It stores nothing: a sweep files the identities
/// afresh from the taxpayers' and accounts' stored states (<see cref="MatchIndexBuilder"/>), so the
/// index can never hold a key a corrected record no longer has. A shard that lost its activation
/// mid-sweep (its silo died) no longer holds that sweep's identities and refuses to answer for it.
/// </summary>
[GrainType("match-shard")]
public sealed class MatchShardGrain(MatchIndexOptions options) : Grain, IMatchShardGrain
{
    /// <summary>
    /// How long the identities stay after the sweep's last call here: longer than a sweep spends
    /// between two calls (learning), short enough that a sweep whose silo died does not hold them long.
    /// </summary>
    private static readonly TimeSpan s_sweepKeepAlive = TimeSpan.FromMinutes(20);

    // Each block a list: most keys hold one or two identities, and a list is a quarter of a
    // dictionary's memory. A record is filed once under each of its keys (a revision takes it out first).
    private readonly Dictionary<string, List<Filed<IndexedTaxpayer, TaxpayerIdentity>>> _taxpayers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Filed<IndexedAccount, AccountIdentity>>> _accounts = new(StringComparer.Ordinal);
    private Guid? _sweep;

    // The records being filed again (changed since the index was filed), with their entries here before and after.
    private Dictionary<string, Revision<IndexedTaxpayer, TaxpayerIdentity>>? _revisedTaxpayers;
    private Dictionary<(string, string), Revision<IndexedAccount, AccountIdentity>>? _revisedAccounts;

    public Task BeginAsync(Guid sweep, CancellationToken cancellationToken)
    {
        _sweep = sweep;
        _taxpayers.Clear();
        _accounts.Clear();
        (_revisedTaxpayers, _revisedAccounts) = (null, null);
        DelayDeactivation(s_sweepKeepAlive);
        return Task.CompletedTask;
    }

    public Task FileTaxpayersAsync(Guid sweep, IReadOnlyList<IndexedTaxpayer> entries, CancellationToken cancellationToken)
    {
        Check(sweep);
        foreach (var entry in entries)
        {
            var filed = new Filed<IndexedTaxpayer, TaxpayerIdentity>(entry, e => e.Identity());
            Block(_taxpayers, entry.Key).Add(filed);
            _revisedTaxpayers?.GetValueOrDefault(entry.TaxpayerId)?.After.Add(filed);
        }

        return Task.CompletedTask;
    }

    public Task FileAccountsAsync(Guid sweep, IReadOnlyList<IndexedAccount> entries, CancellationToken cancellationToken)
    {
        Check(sweep);
        foreach (var entry in entries)
        {
            var filed = new Filed<IndexedAccount, AccountIdentity>(entry, e => e.Identity());
            Block(_accounts, entry.Key).Add(filed);
            _revisedAccounts?.GetValueOrDefault((entry.Exchange, entry.AccountId))?.After.Add(filed);
        }

        return Task.CompletedTask;
    }

    public Task<bool> HoldsAsync(Guid sweep, CancellationToken cancellationToken)
    {
        if (_sweep != sweep)
        {
            return Task.FromResult(false);
        }

        DelayDeactivation(s_sweepKeepAlive);
        return Task.FromResult(true);
    }

    public Task ReviseAsync(Guid sweep, IReadOnlyList<string> taxpayers, IReadOnlyList<string> accounts, CancellationToken cancellationToken)
    {
        Check(sweep);
        _revisedTaxpayers = taxpayers.Distinct(StringComparer.Ordinal).ToDictionary(t => t, _ => new Revision<IndexedTaxpayer, TaxpayerIdentity>(), StringComparer.Ordinal);
        _revisedAccounts = accounts.Select(AccountKey.Parse).Distinct().ToDictionary(a => a, _ => new Revision<IndexedAccount, AccountIdentity>());

        // Where a record's entries are is known only by its old keys, which are gone from the
        // store: one pass over this shard's blocks finds them.
        TakeOut(_taxpayers, _revisedTaxpayers, t => t.TaxpayerId);
        TakeOut(_accounts, _revisedAccounts, a => (a.Exchange, a.AccountId));
        return Task.CompletedTask;
    }

    public Task<RevisedCandidates> FindRevisedCandidatesAsync(Guid sweep, MatchModel? model, CancellationToken cancellationToken)
    {
        Check(sweep);
        var (revisedTaxpayers, revisedAccounts) = (_revisedTaxpayers ?? [], _revisedAccounts ?? []);
        (_revisedTaxpayers, _revisedAccounts) = (null, null);

        // Only a record filed here otherwise than before is compared again: one whose tag changed
        // for a field this shard does not see meets here as it did.
        var taxpayers = revisedTaxpayers.Where(r => r.Value.Changed).Select(r => r.Key).ToArray();
        var accounts = revisedAccounts.Where(r => r.Value.Changed).Select(r => r.Key).ToArray();
        var compared = new HashSet<(string, string, string)>();
        var candidates = new List<MatchCandidate>();
        void Compare(Filed<IndexedTaxpayer, TaxpayerIdentity> taxpayer, Filed<IndexedAccount, AccountIdentity> account)
        {
            if (compared.Add((taxpayer.Entry.TaxpayerId, account.Entry.Exchange, account.Entry.AccountId))
                && IdentityMatcher.Match(taxpayer.Identity, account.Identity, model) is { } candidate)
            {
                candidates.Add(candidate);
            }
        }

        foreach (var id in taxpayers)
        {
            foreach (var taxpayer in revisedTaxpayers[id].After)
            {
                foreach (var account in _accounts.GetValueOrDefault(taxpayer.Entry.Key) ?? [])
                {
                    Compare(taxpayer, account);
                }
            }
        }

        foreach (var id in accounts)
        {
            foreach (var account in revisedAccounts[id].After)
            {
                foreach (var taxpayer in _taxpayers.GetValueOrDefault(account.Entry.Key) ?? [])
                {
                    Compare(taxpayer, account);
                }
            }
        }

        CollectionTelemetry.Comparisons.Add(compared.Count);
        return Task.FromResult(new RevisedCandidates(candidates, taxpayers, [.. accounts.Select(a => AccountKey.Of(a.Item1, a.Item2))]));
    }

    public Task KeepAsync(Guid sweep, CancellationToken cancellationToken)
    {
        Check(sweep);
        DelayDeactivation(options.KeptFor);
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
            (_revisedTaxpayers, _revisedAccounts) = (null, null);
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
        var taxpayers = _taxpayers.Values.SelectMany(b => b.Select(t => t.Entry).Where(t => t.First)).ToArray();
        var accounts = _accounts.Values.SelectMany(b => b.Select(a => a.Entry).Where(a => a.First)).ToArray();
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
                foreach (var account in accounts)
                {
                    foreach (var taxpayer in taxpayers)
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

    /// <summary>Takes every entry of the revised records out of the index, handing each to its revision.</summary>
    private static void TakeOut<TId, TEntry, TIdentity>(
        Dictionary<string, List<Filed<TEntry, TIdentity>>> index,
        Dictionary<TId, Revision<TEntry, TIdentity>> revised,
        Func<TEntry, TId> idOf)
        where TId : notnull
        where TIdentity : class
    {
        if (revised.Count == 0)
        {
            return;
        }

        var emptied = new List<string>();
        foreach (var (key, block) in index)
        {
            // Most blocks hold one or two entries: each is looked up among the revised, not the other way round.
            block.RemoveAll(filed =>
            {
                if (!revised.TryGetValue(idOf(filed.Entry), out var revision))
                {
                    return false;
                }

                revision.Before.Add(filed.Entry);
                return true;
            });
            if (block.Count == 0)
            {
                emptied.Add(key);
            }
        }

        emptied.ForEach(key => index.Remove(key));
    }

    /// <summary>A record filed again: its entries here before, and as filed after; compared again only if they differ.</summary>
    private sealed class Revision<TEntry, TIdentity>
        where TIdentity : class
    {
        public List<TEntry> Before { get; } = [];

        public List<Filed<TEntry, TIdentity>> After { get; } = [];

        public bool Changed => !Before.ToHashSet().SetEquals(After.Select(a => a.Entry));
    }

    /// <summary>An entry filed here, its identity parsed only once it meets another (most never do).</summary>
    private sealed class Filed<TEntry, TIdentity>(TEntry entry, Func<TEntry, TIdentity> parse)
        where TIdentity : class
    {
        private TIdentity? _identity;

        public TEntry Entry => entry;

        public TIdentity Identity => _identity ??= parse(entry);
    }

    private static List<T> Block<T>(Dictionary<string, List<T>> index, string key)
    {
        if (!index.TryGetValue(key, out var block))
        {
            // Sized for the one entry most blocks ever hold.
            index[key] = block = new List<T>(1);
        }

        return block;
    }
}
