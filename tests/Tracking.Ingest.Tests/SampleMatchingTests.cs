using Tracking.Domain.Matching;

namespace Tracking.Ingest.Tests;

public sealed class SampleMatchingTests
{
    [Fact]
    public void Every_true_pair_is_found_and_nothing_wrong_is_automatic()
    {
        var roll = Samples.Roll();
        var accounts = Samples.Accounts();
        var (pairs, decoys) = Samples.Truth();

        var finder = new CandidateFinder(roll.Taxpayers.Select(t => t.Identity()));
        var candidates = accounts.SelectMany(f => f.Accounts).SelectMany(a => finder.Find(a.Identity())).ToArray();
        var found = candidates.ToDictionary(c => (c.TaxpayerId, c.Exchange, c.AccountId));

        var missed = pairs.Where(p => !found.ContainsKey(p)).ToArray();
        Assert.True(missed.Length == 0, $"missed true pairs: {string.Join(", ", missed)}");
        var wrongAuto = candidates.Where(c => c.Decision == MatchDecision.Auto && !pairs.Contains((c.TaxpayerId, c.Exchange, c.AccountId))).ToArray();
        Assert.True(wrongAuto.Length == 0, $"wrong automatic matches: {string.Join("; ", wrongAuto.Select(c => $"{c.TaxpayerId}/{c.Exchange}/{c.AccountId} {string.Join(',', c.Reasons)}"))}");
        Assert.All(decoys, d => Assert.NotEqual(MatchDecision.Auto, found.GetValueOrDefault(d)?.Decision));
    }
}
