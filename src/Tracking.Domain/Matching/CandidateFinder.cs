using Tracking.Domain.Identity;
using Tracking.Domain.Matching.Weights;

namespace Tracking.Domain.Matching;

/// <summary>
/// A hash join on blocking keys: taxpayers are indexed by their keys, each account looks up its
/// own, and every distinct pair that meets is compared once.
/// </summary>
public sealed class CandidateFinder
{
    private readonly Dictionary<string, List<TaxpayerIdentity>> _byKey = new(StringComparer.Ordinal);
    private readonly List<TaxpayerIdentity> _taxpayers = [];

    public CandidateFinder(IEnumerable<TaxpayerIdentity> taxpayers)
    {
        foreach (var taxpayer in taxpayers)
        {
            _taxpayers.Add(taxpayer);
            foreach (var key in BlockingKeys.For(taxpayer))
            {
                if (!_byKey.TryGetValue(key, out var list))
                {
                    _byKey[key] = list = [];
                }

                list.Add(taxpayer);
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
        foreach (var key in _byKey.Keys.Where(k => BlockingKeys.RuleOf(k).Exact).Union(accountsByKey.Keys))
        {
            counter.AddKeyBlock(BlockingKeys.RuleOf(key), _byKey.GetValueOrDefault(key)?.Count ?? 0, accountsByKey.GetValueOrDefault(key));
        }

        counter.AddRandomPairs(_taxpayers, accounts, options.RandomPairs, seed);
        counter.AddNames(_taxpayers);
        return met.Add(counter.ToSample(_taxpayers.Count, accounts.Count));
    }

    /// <summary>Each taxpayer the account meets, once, with the rules of every key they share.</summary>
    private IEnumerable<(TaxpayerIdentity Taxpayer, IEnumerable<string> Rules)> Meet(AccountIdentity account)
    {
        var met = new Dictionary<string, (TaxpayerIdentity Taxpayer, HashSet<string> Rules)>(StringComparer.Ordinal);
        foreach (var key in BlockingKeys.For(account))
        {
            if (_byKey.TryGetValue(key, out var taxpayers))
            {
                foreach (var taxpayer in taxpayers)
                {
                    if (!met.TryGetValue(taxpayer.TaxpayerId, out var meeting))
                    {
                        met[taxpayer.TaxpayerId] = meeting = (taxpayer, new HashSet<string>(StringComparer.Ordinal));
                    }

                    meeting.Rules.Add(BlockingKeys.RuleOf(key).Name);
                }
            }
        }

        return met.Values.Select(m => (m.Taxpayer, (IEnumerable<string>)m.Rules));
    }
}
