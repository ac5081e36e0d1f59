using Tracking.Domain.Identity;

namespace Tracking.Domain.Matching.Weights;

/// <summary>Counts the comparison patterns of one part of a sweep into a <see cref="ComparisonSample"/>.</summary>
public sealed class ComparisonCounter
{
    private readonly Dictionary<int, long> _random = [];
    private readonly Dictionary<string, Dictionary<int, long>> _byRule = new(StringComparer.Ordinal);
    private readonly Dictionary<int, long> _compared = [];
    private readonly Dictionary<string, KeyBlocks> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _names = new(StringComparer.Ordinal);

    /// <summary>A pair that blocking brought together, counted once however many keys it shares.</summary>
    public void AddCompared(MatchEvidence evidence) => Increment(_compared, ComparisonPattern.Of(evidence));

    /// <summary>A pair that blocking brought together, under each rule whose key it shares.</summary>
    public void AddMeeting(MatchEvidence evidence, IEnumerable<string> rules)
    {
        var pattern = ComparisonPattern.Of(evidence);
        foreach (var rule in rules)
        {
            if (!_byRule.TryGetValue(rule, out var counts))
            {
                _byRule[rule] = counts = [];
            }

            Increment(counts, pattern);
        }
    }

    /// <summary>One key of an exact rule: how many records of each side it holds.</summary>
    public void AddKeyBlock(BlockingRule rule, long taxpayers, long accounts)
    {
        var block = new KeyBlocks(taxpayers, accounts, taxpayers * accounts);
        _keys[rule.Name] = _keys.TryGetValue(rule.Name, out var sum) ? sum.Add(block) : block;
    }

    /// <summary>
    /// Pairs drawn at random (seeded, so the same data gives the same sample): nearly all are two
    /// different people, which is what chance agreement is measured on.
    /// </summary>
    public void AddRandomPairs(IReadOnlyList<TaxpayerIdentity> taxpayers, IReadOnlyList<AccountIdentity> accounts, int pairs, int seed)
    {
        if (taxpayers.Count == 0 || accounts.Count == 0)
        {
            return;
        }

        // Drawn in one sequence, compared on every core: each pair is a whole comparison, names
        // measured included, and a sweep compares its 200,000 after its shards have sampled.
        var random = new Random(seed);
        var drawn = new (int Taxpayer, int Account)[pairs];
        for (var i = 0; i < pairs; i++)
        {
            drawn[i] = (random.Next(taxpayers.Count), random.Next(accounts.Count));
        }

        foreach (var pattern in drawn.AsParallel().Select(p => ComparisonPattern.Of(MatchEvidence.Between(taxpayers[p.Taxpayer], accounts[p.Account]))))
        {
            Increment(_random, pattern);
        }
    }

    /// <summary>The names of the taxpayers random pairs are drawn from (a sweep's sample, or all of them in memory): how common each name is.</summary>
    public void AddNames(IEnumerable<TaxpayerIdentity> taxpayers)
    {
        foreach (var taxpayer in taxpayers.Where(t => t.Name.Script != NameScript.Missing))
        {
            var name = NameFrequencies.KeyOf(taxpayer.Name);
            _names[name] = _names.GetValueOrDefault(name) + 1;
        }
    }

    public ComparisonSample ToSample(long taxpayers, long accounts) => new(
        taxpayers,
        accounts,
        new Dictionary<int, long>(_random),
        _byRule.ToDictionary(r => r.Key, r => (IReadOnlyDictionary<int, long>)new Dictionary<int, long>(r.Value)),
        new Dictionary<int, long>(_compared),
        new Dictionary<string, KeyBlocks>(_keys))
    {
        Names = new Dictionary<string, long>(_names, StringComparer.Ordinal),
    };

    private static void Increment(Dictionary<int, long> counts, int pattern) => counts[pattern] = counts.GetValueOrDefault(pattern) + 1;
}
