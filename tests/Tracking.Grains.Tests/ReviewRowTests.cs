using Tracking.Domain.Matching;
using Tracking.Grains.Taxpayers;

namespace Tracking.Grains.Tests;

public sealed class ReviewRowTests
{
    [Fact]
    public void A_hopeless_pair_ranks_below_a_likely_one_however_much_larger_its_debt_and_the_score_breaks_ties()
    {
        var likely = Row(debt: 1_000_000, score: 40, probability: 0.9);
        var hopeless = Row(debt: 5_000_000, score: 90, probability: 0.1);
        var likelyHigherScore = Row(debt: 1_000_000, score: 70, probability: 0.9);

        Assert.True(likely.Rank > hopeless.Rank);
        Assert.True(likelyHigherScore.Rank > likely.Rank);
    }

    [Fact]
    public void A_candidate_found_before_weights_counts_its_whole_debt()
    {
        Assert.Equal((2_000_000L * 128) + 55, Row(debt: 2_000_000, score: 55, probability: null).Rank);
        Assert.True(Row(debt: 2_000_000, score: 55, probability: null).Rank > Row(debt: 2_000_000, score: 55, probability: 0.99).Rank);
    }

    [Fact]
    public void The_largest_debt_there_can_be_at_full_certainty_still_ranks_without_overflow()
    {
        var row = Row(debt: 10_000_000_000_000, score: 100, probability: 1);

        Assert.Equal((10_000_000_000_000L * 128) + 100, row.Rank);
    }

    private static ReviewRow Row(long debt, int score, double? probability) =>
        new("T1|upbit|A1", "T1", "upbit", "A1", score, ["rrn:missing"], ReviewState.Open, null, null, 0, debt, 0, probability);
}
