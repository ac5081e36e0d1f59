using System.Runtime.InteropServices;
using Tracking.Domain.Identity;
using Tracking.Domain.Matching.Weights;

namespace Tracking.Domain.Matching;

/// <summary>
/// A hash join on blocking keys: taxpayers are indexed by their keys, each account looks up its
/// own, and every distinct pair that meets is compared once.
/// </summary>
public sealed class CandidateFinder
{
    private readonly Dictionary<string, Block> _blocks = new(StringComparer.Ordinal);

    // Every block's taxpayers chained in one list, in the order given: most keys hold one
    // taxpayer, and a list per key cost more than the rest of building the index.
    private readonly List<(int Taxpayer, int Next)> _entries = [];
    private readonly List<TaxpayerIdentity> _taxpayers = [];

    public CandidateFinder(IEnumerable<TaxpayerIdentity> taxpayers)
    {
        // The keys are worked out on all cores; the index is filled in the taxpayers' order, so a
        // block lists them as given and random pairs drawn from them do not depend on the cores.
        foreach (var (taxpayer, keys) in taxpayers.AsParallel().AsOrdered().Select(t => (t, BlockingKeys.For(t))))
        {
            _taxpayers.Add(taxpayer);
            foreach (var key in keys)
            {
                var entry = _entries.Count;
                _entries.Add((_taxpayers.Count - 1, -1));
                ref var block = ref CollectionsMarshal.GetValueRefOrAddDefault(_blocks, key, out var exists);
                if (exists)
                {
                    CollectionsMarshal.AsSpan(_entries)[block.Last].Next = entry;
                }

                block = exists ? block with { Last = entry, Count = block.Count + 1 } : new Block(entry, entry, 1);
            }
        }
    }

    public IEnumerable<MatchCandidate> Find(AccountIdentity account, MatchModel? model = null) =>
        Meet(account).Select(met => IdentityMatcher.Match(met.Taxpayer, account, model)).OfType<MatchCandidate>();

    public IEnumerable<MatchCandidate> Find(IEnumerable<AccountIdentity> accounts, MatchModel? model = null) => accounts.SelectMany(a => Find(a, model));

    /// <summary>The comparison patterns of every pair that meets and of random pairs: what <see cref="MatchModelTrainer"/> learns from. Counted on all cores.</summary>
    public ComparisonSample Sample(IReadOnlyList<AccountIdentity> accounts, MatchModelOptions options, int seed = 0)
    {
        var met = accounts
            .Chunk(Math.Max(1, accounts.Count / (4 * Environment.ProcessorCount)))
            .AsParallel()
            .Select(part =>
            {
                var counter = new ComparisonCounter();
                foreach (var account in part)
                {
                    foreach (var (taxpayer, rules) in Meet(account))
                    {
                        var evidence = MatchEvidence.Between(taxpayer, account);
                        counter.AddCompared(evidence);
                        counter.AddMeeting(evidence, rules);
                    }
                }

                return counter.ToSample(0, 0);
            })
            .ToArray()
            .Aggregate(ComparisonSample.Empty, (all, part) => all.Add(part));

        var counter = new ComparisonCounter();
        var accountsByKey = accounts.SelectMany(BlockingKeys.For).Where(k => BlockingKeys.RuleOf(k).Exact).CountBy(k => k, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        foreach (var key in _blocks.Keys.Where(k => BlockingKeys.RuleOf(k).Exact).Union(accountsByKey.Keys))
        {
            counter.AddKeyBlock(BlockingKeys.RuleOf(key), _blocks.GetValueOrDefault(key).Count, accountsByKey.GetValueOrDefault(key));
        }

        counter.AddRandomPairs(_taxpayers, accounts, options.RandomPairs, seed);
        counter.AddNames(_taxpayers);
        return met.Add(counter.ToSample(_taxpayers.Count, accounts.Count));
    }

    /// <summary>Each taxpayer the account meets, once, with the rules of every key they share.</summary>
    private IEnumerable<(TaxpayerIdentity Taxpayer, IEnumerable<string> Rules)> Meet(AccountIdentity account)
    {
        // Most accounts meet no one: nothing is allocated for them.
        Dictionary<int, HashSet<string>>? met = null;
        foreach (var key in BlockingKeys.For(account))
        {
            if (_blocks.TryGetValue(key, out var block))
            {
                met ??= [];
                for (var entry = block.First; entry >= 0; entry = _entries[entry].Next)
                {
                    var taxpayer = _entries[entry].Taxpayer;
                    if (!met.TryGetValue(taxpayer, out var rules))
                    {
                        met[taxpayer] = rules = new HashSet<string>(StringComparer.Ordinal);
                    }

                    rules.Add(BlockingKeys.RuleOf(key).Name);
                }
            }
        }

        return met is null ? [] : met.Select(m => (_taxpayers[m.Key], (IEnumerable<string>)m.Value));
    }

    /// <summary>A key's taxpayers: the first and last of its chain in the entries, and how many.</summary>
    private readonly record struct Block(int First, int Last, int Count);
}
