using Tracking.Domain.Identity;
using Tracking.Domain.Matching;
using Tracking.Domain.Matching.Weights;
using Tracking.TestingHost;

namespace Tracking.Domain.Tests;

/// <summary>
/// External labelled data with Latin names: FEBRL 1–4 (../shared/data/febrl), originals as the
/// roll and their corrupted duplicates as the accounts, the weights learnt from each set itself.
/// Its social security id plays the part of the RRN hash, or of the phone (the only identifier
/// an exchange may have), or is left out (name and birth date alone never reach automatic).
/// </summary>
public sealed class FebrlLinkageTests
{
    public enum StrongId
    {
        AsRrn,
        AsPhone,
        None,
    }

    [Theory]
    [InlineData("dataset1.csv", StrongId.AsRrn, 0.98)]
    [InlineData("dataset2.csv", StrongId.AsRrn, 0.98)]
    [InlineData("dataset3.csv", StrongId.AsRrn, 0.98)]
    [InlineData("dataset4", StrongId.AsRrn, 0.98)]
    [InlineData("dataset1.csv", StrongId.AsPhone, 0.98)]
    [InlineData("dataset2.csv", StrongId.AsPhone, 0.98)]
    [InlineData("dataset3.csv", StrongId.AsPhone, 0.98)]
    [InlineData("dataset4", StrongId.AsPhone, 0.98)]
    [InlineData("dataset4", StrongId.None, 0.89)]
    public void No_automatic_match_is_wrong_and_the_queue_holds_at_most_one_and_a_half_items_per_true_pair(string set, StrongId id, double recall)
    {
        var (truePairs, candidates) = Link(set, id);
        var auto = candidates.Where(c => c.Decision == MatchDecision.Auto).ToArray();
        var review = candidates.Where(c => c.Decision == MatchDecision.Review).ToArray();

        Assert.DoesNotContain(auto, c => !IsTrue(c));
        Assert.True(candidates.Count(IsTrue) >= recall * truePairs, $"found {candidates.Count(IsTrue)} of {truePairs}");
        Assert.True(review.Length <= 1.5 * review.Count(IsTrue), $"{review.Length} review items for {review.Count(IsTrue)} true pairs");
        if (id == StrongId.None)
        {
            Assert.Empty(auto);
        }
    }

    [Fact]
    public void Weights_learnt_from_the_data_say_agreement_is_evidence_and_disagreement_is_against()
    {
        var (_, candidates) = Link("dataset4", StrongId.AsPhone);
        var weights = candidates.SelectMany(c => c.Weight!.Fields).DistinctBy(f => (f.Field, f.Level)).ToDictionary(f => (f.Field, f.Level), f => f.Weight);

        Assert.All(ComparisonPattern.Fields.Where(f => f != MatchField.Rrn), field =>
        {
            Assert.True(weights[(field, ComparisonPattern.Levels(field)[0])] > 8, $"{field} agreeing weighs {weights[(field, ComparisonPattern.Levels(field)[0])]}");
            Assert.True(weights[(field, "differs")] < -2, $"{field} differing weighs {weights[(field, "differs")]}");
        });
        Assert.True(candidates.Where(c => c.Decision == MatchDecision.Auto).Min(c => c.Weight!.Probability) > 0.99);
    }

    private static (int TruePairs, MatchCandidate[] Candidates) Link(string set, StrongId id)
    {
        var (originals, duplicates) = set == "dataset4"
            ? (Rows("dataset4a.csv").ToArray(), Rows("dataset4b.csv").ToArray())
            : (Rows(set).Where(r => r[0].EndsWith("-org", StringComparison.Ordinal)).ToArray(), Rows(set).Where(r => r[0].Contains("-dup-", StringComparison.Ordinal)).ToArray());
        string? Rrn(string[] r) => id == StrongId.AsRrn && r[10].Length > 0 ? r[10] : null;
        string? Phone(string[] r) => id == StrongId.AsPhone && r[10].Length > 0 ? r[10] : null;
        var taxpayers = originals.Select(r => new TaxpayerIdentity(r[0], Name(r), Birth(r[9]), Phone(r), Rrn(r))).ToArray();
        var accounts = duplicates.Select(r => new AccountIdentity("febrl", r[0], Name(r), Birth(r[9]), Phone(r), Rrn(r))).ToArray();

        var finder = new CandidateFinder(taxpayers);
        var model = MatchModelTrainer.Train(finder.Sample(accounts, MatchModelOptions.Default));
        var originalIds = originals.Select(r => Person(r[0])).ToHashSet();
        return (accounts.Count(a => originalIds.Contains(Person(a.AccountId))), [.. finder.Find(accounts, model)]);
    }

    // rec-N-org and rec-N-dup-k are the same person.
    private static bool IsTrue(MatchCandidate c) => Person(c.TaxpayerId) == Person(c.AccountId);

    private static string Person(string recordId) => recordId.Split('-')[1];

    private static IEnumerable<string[]> Rows(string file) =>
        File.ReadLines(Path.Combine(RepositoryPaths.Febrl, file)).Skip(1).Select(line => line.Split(',').Select(f => f.Trim()).ToArray());

    private static PersonName Name(string[] row) => PersonName.Parse($"{row[1]} {row[2]}");

    private static BirthDate? Birth(string text) => BirthDate.Parse(text, "yyyyMMdd");
}
