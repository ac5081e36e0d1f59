using Tracking.Domain.Identity;

namespace Tracking.Domain.Matching;

/// <summary>
/// A hash join on blocking keys: taxpayers are indexed by their keys, each account looks up its
/// own, and every distinct pair that meets is compared once.
/// </summary>
public sealed class CandidateFinder
{
    private readonly Dictionary<string, List<TaxpayerIdentity>> _byKey = new(StringComparer.Ordinal);

    public CandidateFinder(IEnumerable<TaxpayerIdentity> taxpayers)
    {
        foreach (var taxpayer in taxpayers)
        {
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

    public IEnumerable<MatchCandidate> Find(AccountIdentity account)
    {
        var compared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in BlockingKeys.For(account))
        {
            if (!_byKey.TryGetValue(key, out var taxpayers))
            {
                continue;
            }

            foreach (var taxpayer in taxpayers)
            {
                if (compared.Add(taxpayer.TaxpayerId) && IdentityMatcher.Match(taxpayer, account) is { } candidate)
                {
                    yield return candidate;
                }
            }
        }
    }

    public IEnumerable<MatchCandidate> Find(IEnumerable<AccountIdentity> accounts) => accounts.SelectMany(Find);
}
