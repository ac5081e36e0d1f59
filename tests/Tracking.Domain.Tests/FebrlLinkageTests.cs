using Tracking.Domain.Identity;
using Tracking.Domain.Matching;
using Tracking.TestingHost;

namespace Tracking.Domain.Tests;

/// <summary>
/// External labelled data with Latin names: FEBRL-4 (../shared/data/febrl), 5,000 originals as the
/// roll and one corrupted duplicate of each as the accounts. Its social security id plays the
/// part of the RRN hash; there are no phones, so name and birth alone can only reach review.
/// </summary>
public sealed class FebrlLinkageTests
{
    private static readonly string s_directory = RepositoryPaths.Febrl;

    [Fact]
    public void With_a_strong_id_every_automatic_match_is_right_and_at_least_98_percent_are_found()
    {
        var (found, auto, wrongAuto, wrong) = Link(useStrongId: true);

        Assert.Equal(0, wrongAuto);
        Assert.Equal(0, wrong);
        Assert.True(found >= 0.98 * 5_000, $"found {found} of 5,000");
        Assert.True(auto >= 3_500, $"only {auto} automatic");
    }

    [Fact]
    public void With_name_and_birth_date_alone_nothing_is_automatic_and_most_are_queued_for_review()
    {
        var (found, auto, _, wrong) = Link(useStrongId: false);

        Assert.Equal(0, auto);
        Assert.Equal(0, wrong);
        Assert.True(found >= 0.75 * 5_000, $"found {found} of 5,000");
    }

    private static (int Found, int Auto, int WrongAuto, int Wrong) Link(bool useStrongId)
    {
        var originals = Rows("dataset4a.csv").Select(r => new TaxpayerIdentity(r[0], PersonName.Parse($"{r[1]} {r[2]}"), Birth(r[9]), null, useStrongId ? Id(r[10]) : null));
        var duplicates = Rows("dataset4b.csv").Select(r => new AccountIdentity("febrl", r[0], PersonName.Parse($"{r[1]} {r[2]}"), Birth(r[9]), null, useStrongId ? Id(r[10]) : null));
        var candidates = new CandidateFinder(originals).Find(duplicates).ToArray();

        // rec-N-org and rec-N-dup-0 are the same person.
        static bool IsTrue(MatchCandidate c) => c.TaxpayerId.Split('-')[1] == c.AccountId.Split('-')[1];
        return (candidates.Count(IsTrue),
                candidates.Count(c => c.Decision == MatchDecision.Auto),
                candidates.Count(c => c.Decision == MatchDecision.Auto && !IsTrue(c)),
                candidates.Count(c => !IsTrue(c)));
    }

    private static IEnumerable<string[]> Rows(string file) =>
        File.ReadLines(Path.Combine(s_directory, file)).Skip(1).Select(line => line.Split(',').Select(f => f.Trim()).ToArray());

    private static BirthDate? Birth(string text) => BirthDate.Parse(text, "yyyyMMdd");

    private static string? Id(string text) => text.Length > 0 ? text : null;
}
