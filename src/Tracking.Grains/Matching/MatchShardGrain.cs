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
[GrainType("match-shard"), KeyedPlacement]
public sealed class MatchShardGrain(MatchIndexOptions options, MatchWork work, ILocalSiloDetails silo) : Grain, IMatchShardGrain
{
    /// <summary>
    /// How long the identities stay after the sweep's last call here: longer than a sweep spends
    /// between two calls (learning), short enough that a sweep whose silo died does not hold them long.
    /// </summary>
    private static readonly TimeSpan s_sweepKeepAlive = TimeSpan.FromMinutes(20);

    private readonly IndexBlocks<IndexedTaxpayer> _taxpayers = new();
    private readonly IndexBlocks<IndexedAccount> _accounts = new();
    private Guid? _sweep;

    // The records being filed again (changed since the index was filed), with their entries here before and after.
    private Dictionary<string, Revision<IndexedTaxpayer>>? _revisedTaxpayers;
    private Dictionary<string, Revision<IndexedAccount>>? _revisedAccounts;

    // The pairs learning compared, until the sweep compares with the weights learnt.
    private LearntPairs? _learnt;

    public Task<SiloAddress> BeginAsync(Guid sweep, CancellationToken cancellationToken)
    {
        _sweep = sweep;
        Forget();
        DelayDeactivation(s_sweepKeepAlive);
        return Task.FromResult(silo.SiloAddress);
    }

    public Task FileTaxpayersAsync(Guid sweep, IndexPage page, CancellationToken cancellationToken) => File(sweep, _taxpayers, _revisedTaxpayers, page);

    public Task FileAccountsAsync(Guid sweep, IndexPage page, CancellationToken cancellationToken) => File(sweep, _accounts, _revisedAccounts, page);

    public Task<SiloAddress?> HoldsAsync(Guid sweep, CancellationToken cancellationToken)
    {
        if (_sweep != sweep)
        {
            return Task.FromResult<SiloAddress?>(null);
        }

        DelayDeactivation(s_sweepKeepAlive);
        return Task.FromResult<SiloAddress?>(silo.SiloAddress);
    }

    public Task ReviseAsync(Guid sweep, IReadOnlyList<string> taxpayers, IReadOnlyList<string> accounts, CancellationToken cancellationToken)
    {
        Check(sweep);
        var revisedTaxpayers = _revisedTaxpayers = Revisions<IndexedTaxpayer>(taxpayers);
        var revisedAccounts = _revisedAccounts = Revisions<IndexedAccount>(accounts);

        // Where a record's entries are is known only by its old keys, which are gone from the
        // store: one pass over this shard's blocks finds them.
        return work.RunAsync(
            () =>
            {
                _taxpayers.TakeOut(revisedTaxpayers, (revision, entry) => revision.Before.Add(entry));
                _accounts.TakeOut(revisedAccounts, (revision, entry) => revision.Before.Add(entry));
            },
            cancellationToken);
    }

    public Task<RevisedCandidates> FindRevisedCandidatesAsync(Guid sweep, MatchModel? model, CancellationToken cancellationToken)
    {
        Check(sweep);
        var (revisedTaxpayers, revisedAccounts) = (_revisedTaxpayers ?? [], _revisedAccounts ?? []);
        (_revisedTaxpayers, _revisedAccounts) = (null, null);
        return work.RunAsync(() => RevisedCandidates(revisedTaxpayers, revisedAccounts, model), cancellationToken);
    }

    private RevisedCandidates RevisedCandidates(Dictionary<string, Revision<IndexedTaxpayer>> revisedTaxpayers, Dictionary<string, Revision<IndexedAccount>> revisedAccounts, MatchModel? model)
    {
        // Only a record filed here otherwise than before is compared again: one whose matched fields
        // changed in a field this shard does not see meets here as it did.
        var taxpayers = revisedTaxpayers.Where(r => r.Value.Changed).Select(r => r.Key).ToArray();
        var accounts = revisedAccounts.Where(r => r.Value.Changed).Select(r => r.Key).ToArray();
        var comparing = new Comparing(model);
        var accountBlock = new List<IndexedAccount>();
        foreach (var id in taxpayers)
        {
            foreach (var taxpayer in revisedTaxpayers[id].After)
            {
                var identity = taxpayer.Record.Identity();
                foreach (var account in _accounts.Block(taxpayer.Key.Hash, accountBlock))
                {
                    comparing.Compare(identity, account.Identity());
                }
            }
        }

        var taxpayerBlock = new List<IndexedTaxpayer>();
        foreach (var id in accounts)
        {
            foreach (var account in revisedAccounts[id].After)
            {
                var identity = account.Record.Identity();
                foreach (var taxpayer in _taxpayers.Block(account.Key.Hash, taxpayerBlock))
                {
                    comparing.Compare(taxpayer.Identity(), identity);
                }
            }
        }

        CollectionTelemetry.Comparisons.Add(comparing.Compared);
        return new RevisedCandidates(comparing.Candidates, taxpayers, accounts);
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
            Forget();
            DeactivateOnIdle();
        }

        return Task.CompletedTask;
    }

    public Task<ShardSample> SampleAsync(Guid sweep, int identities, int pairs, CancellationToken cancellationToken)
    {
        Check(sweep);
        return work.RunAsync(() => Sample(identities, pairs), cancellationToken);
    }

    private ShardSample Sample(int identities, int pairs)
    {
        var sampled = KeysToLearnFrom(pairs);
        var met = new Dictionary<(string, string, string), (TaxpayerIdentity Taxpayer, AccountIdentity Account, HashSet<ulong> Keys)>();
        foreach (var (key, taxpayer, account) in Pairs(sampled))
        {
            var pair = (taxpayer.TaxpayerId, account.Exchange, account.AccountId);
            if (!met.TryGetValue(pair, out var meeting))
            {
                met[pair] = meeting = (taxpayer, account, []);
            }

            meeting.Keys.Add(key.Hash);
        }

        var taxpayerKeys = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var accountKeys = new Dictionary<(string, string), IReadOnlyList<string>>();
        var counter = new ComparisonCounter();
        var firstOfRule = new List<(BlockingRule Rule, string Key)>(4);
        var learnt = new LearntPairs(sampled, new List<LearntPair>(met.Count));
        foreach (var (taxpayer, account, keys) in met.Values)
        {
            var evidence = MatchEvidence.Between(taxpayer, account);
            learnt.Pairs.Add(new LearntPair(taxpayer, account, evidence));
            if (!taxpayerKeys.TryGetValue(taxpayer.TaxpayerId, out var ofTaxpayer))
            {
                taxpayerKeys[taxpayer.TaxpayerId] = ofTaxpayer = BlockingKeys.For(taxpayer);
            }

            if (!accountKeys.TryGetValue((account.Exchange, account.AccountId), out var ofAccount))
            {
                accountKeys[(account.Exchange, account.AccountId)] = ofAccount = BlockingKeys.For(account);
            }

            // A pair sharing keys in several shards is counted once under each rule it meets by, as
            // in memory: in the shard of its first shared key of that rule (a Latin name's year and
            // day keys are one rule and most often two shards), if that key is sampled here; and once
            // among the pairs compared, with its first shared key, if that one is sampled.
            firstOfRule.Clear();
            string? first = null;
            foreach (var key in ofTaxpayer)
            {
                if (!ofAccount.Contains(key))
                {
                    continue;
                }

                if (first is null || string.CompareOrdinal(key, first) < 0)
                {
                    first = key;
                }

                var rule = BlockingKeys.RuleOf(key);
                var at = firstOfRule.Count - 1;
                while (at >= 0 && firstOfRule[at].Rule != rule)
                {
                    at--;
                }

                if (at < 0)
                {
                    firstOfRule.Add((rule, key));
                }
                else if (string.CompareOrdinal(key, firstOfRule[at].Key) < 0)
                {
                    firstOfRule[at] = (rule, key);
                }
            }

            counter.AddMeeting(evidence, firstOfRule.Where(r => keys.Contains(BlockKey.Of(r.Key).Hash)).Select(r => r.Rule.Name));
            if (first is not null && sampled.Contains(BlockKey.Of(first).Hash))
            {
                counter.AddCompared(evidence);
            }
        }

        // Every key once, without a set of them all: the taxpayers', then the accounts' no taxpayer has.
        foreach (var key in _taxpayers.Keys.Concat(_accounts.Keys.Where(k => !_taxpayers.Contains(k))))
        {
            if (((_taxpayers.KeyOf(key) ?? _accounts.KeyOf(key))!.Value.Rule) is { Exact: true } rule)
            {
                counter.AddKeyBlock(rule, _taxpayers.CountOf(key), _accounts.CountOf(key));
            }
        }

        _learnt = learnt;

        // Identities are filed under each of their keys: each is owned by the shard of its first key.
        var (taxpayers, accounts) = (_taxpayers.Owned(identities), _accounts.Owned(identities));
        return new ShardSample(counter.ToSample(taxpayers.Count, accounts.Count), taxpayers.Lowest, accounts.Lowest);
    }

    public Task<FoundCandidates> FindCandidatesAsync(Guid sweep, MatchModel? model, CancellationToken cancellationToken)
    {
        Check(sweep);
        var learnt = _learnt;
        _learnt = null;
        return work.RunAsync(() => new FoundCandidates(Candidates(learnt, model)), cancellationToken);
    }

    private List<MatchCandidate> Candidates(LearntPairs? learnt, MatchModel? model)
    {
        var comparing = new Comparing(model);

        // The pairs learning compared are weighed from what it found, not compared again: while a
        // sweep's pairs fit the sample (1M taxpayers' do), that is every pair.
        foreach (var pair in learnt?.Pairs ?? [])
        {
            comparing.Compare(pair.Taxpayer, pair.Account, pair.Evidence);
        }

        foreach (var (_, taxpayer, account) in Pairs(learnt is null ? null : _accounts.Keys.Where(key => !learnt.Keys.Contains(key))))
        {
            comparing.Compare(taxpayer, account);
        }

        CollectionTelemetry.Comparisons.Add(comparing.Compared);
        return comparing.Candidates;
    }

    /// <summary>
    /// Keys in the order of their hash until the pairs they hold reach <paramref name="pairs"/>: a
    /// sample of whole blocks, the same whatever order they were filed in. The weights need far
    /// fewer pairs than a national sweep compares; learning stays a fraction of the comparing.
    /// </summary>
    private HashSet<ulong> KeysToLearnFrom(int pairs)
    {
        var chosen = new HashSet<ulong>();
        var held = 0L;
        foreach (var key in _accounts.Keys.Where(_taxpayers.Contains).Order())
        {
            if (held >= pairs)
            {
                break;
            }

            chosen.Add(key);
            held += (long)_accounts.CountOf(key) * _taxpayers.CountOf(key);
        }

        return chosen;
    }

    /// <summary>
    /// Every taxpayer and account filed under the same key here (of <paramref name="keys"/>, if
    /// given), once per key they share (or per two keys sharing a 64-bit hash, <see cref="BlockKey"/>).
    /// Identities are parsed once per block and not kept: most entries never meet another, and
    /// keeping those that do would double the index's memory.
    /// </summary>
    private IEnumerable<(BlockKey Key, TaxpayerIdentity Taxpayer, AccountIdentity Account)> Pairs(IEnumerable<ulong>? keys = null)
    {
        List<IndexedTaxpayer> taxpayerBlock = [];
        List<IndexedAccount> accountBlock = [];
        foreach (var key in keys ?? _accounts.Keys)
        {
            if (!_taxpayers.Contains(key))
            {
                continue;
            }

            var taxpayers = _taxpayers.Block(key, taxpayerBlock).ConvertAll(t => t.Identity());
            var accounts = _accounts.Block(key, accountBlock);
            var blockKey = _accounts.KeyOf(key)!.Value;
            foreach (var account in accounts)
            {
                var identity = account.Identity();
                foreach (var taxpayer in taxpayers)
                {
                    yield return (blockKey, taxpayer, identity);
                }
            }
        }
    }

    /// <summary>Lets go of every identity held, and what was worked out from them.</summary>
    private void Forget()
    {
        _taxpayers.Clear();
        _accounts.Clear();
        (_revisedTaxpayers, _revisedAccounts, _learnt) = (null, null, null);
    }

    private void Check(Guid sweep)
    {
        if (_sweep != sweep)
        {
            throw new InvalidOperationException($"Match shard {this.GetPrimaryKeyString()} does not hold this sweep's identities (its silo was lost or another sweep began): run the sweep again.");
        }

        DelayDeactivation(s_sweepKeepAlive);
    }

    /// <summary>A revision for each record named (a taxpayer's id, an account's key), by its name.</summary>
    private static Dictionary<string, Revision<TRecord>> Revisions<TRecord>(IEnumerable<string> records)
        where TRecord : class =>
        records.Distinct(StringComparer.Ordinal).ToDictionary(id => id, _ => new Revision<TRecord>(), StringComparer.Ordinal);

    private Task File<TRecord>(Guid sweep, IndexBlocks<TRecord> index, Dictionary<string, Revision<TRecord>>? revised, IndexPage page)
        where TRecord : class, IPackedRecord<TRecord>
    {
        Check(sweep);
        index.File(page.Entries);
        if (revised is not null)
        {
            // While a revision is filed, the pages hold only the records revised.
            foreach (var entry in IndexPages.Unpack<TRecord>(page.Entries))
            {
                revised.GetValueOrDefault(entry.Record.Id)?.After.Add(entry);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>A record filed again: its entries here before, and as filed after; compared again only if they differ.</summary>
    private sealed class Revision<TRecord>
        where TRecord : class
    {
        public List<IndexEntry<TRecord>> Before { get; } = [];

        public List<IndexEntry<TRecord>> After { get; } = [];

        public bool Changed => !Before.ToHashSet().SetEquals(After);
    }

    /// <summary>The pairs of one call compared once each (a pair may share several keys here), and the candidates among them.</summary>
    private sealed class Comparing(MatchModel? model)
    {
        private readonly HashSet<(string, string, string)> _compared = [];

        public List<MatchCandidate> Candidates { get; } = [];

        public int Compared => _compared.Count;

        /// <summary>Compares a pair not compared yet in this call; one learning compared comes with what it found (<paramref name="known"/>).</summary>
        public void Compare(TaxpayerIdentity taxpayer, AccountIdentity account, MatchEvidence? known = null)
        {
            if (_compared.Add((taxpayer.TaxpayerId, account.Exchange, account.AccountId))
                && IdentityMatcher.Match(taxpayer, account, known ?? MatchEvidence.Between(taxpayer, account), model) is { } candidate)
            {
                Candidates.Add(candidate);
            }
        }
    }

    /// <summary>
    /// The keys learning sampled here, and each pair they hold once, with what comparing it found:
    /// no more than the pairs a sweep learns from (<see cref="MatchModelOptions.PairsToLearnFrom"/>), shared over its shards.
    /// </summary>
    private sealed record LearntPairs(HashSet<ulong> Keys, List<LearntPair> Pairs);

    private readonly record struct LearntPair(TaxpayerIdentity Taxpayer, AccountIdentity Account, MatchEvidence Evidence);
}
