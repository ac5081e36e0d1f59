using Tracking.Domain.Identity;
using Tracking.Domain.Matching;
using Tracking.Domain.Matching.Weights;

namespace Tracking.Domain.Tests;

public sealed class NameFrequenciesTests
{
    private static readonly MatchModelOptions s_options = MatchModelOptions.Default with { NameMeasuredFrom = 5, NamesListed = 2 };

    [Fact]
    public void Names_seen_often_enough_are_listed_commonest_first_up_to_the_limit_and_the_rest_is_bounded_by_the_next_one()
    {
        var counts = new Dictionary<string, long> { ["김민준"] = 40, ["이서연"] = 10, ["박지훈"] = 6, ["최수아"] = 3, ["정하늘"] = 1 };

        var names = NameFrequencies.Measure(counts, s_options)!;

        Assert.Equal(["김민준", "이서연"], names.Shares.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(40 / 60.0, names.Shares["김민준"], 10);
        // 박지훈 was measured but not listed: every name not listed is at most as common as it.
        Assert.Equal(6 / 60.0, names.Rest, 10);
        // Two different taxpayers drawn at random share a name this often.
        Assert.Equal(((40 * 39) + (10 * 9) + (6 * 5) + (3 * 2)) / (60.0 * 59), names.Mean, 10);
    }

    [Fact]
    public void A_sample_in_which_no_name_repeats_says_nothing_of_how_common_a_name_is()
    {
        Assert.Null(NameFrequencies.Measure(new Dictionary<string, long> { ["김민준"] = 1, ["이서연"] = 1 }, s_options));
        Assert.Null(NameFrequencies.Measure(new Dictionary<string, long>(), s_options));
    }

    [Fact]
    public void A_common_name_moves_the_weight_down_a_rare_one_up_and_a_name_of_average_commonness_not_at_all()
    {
        var names = new NameFrequencies(new Dictionary<string, double> { ["김민준"] = 0.01, ["이서연"] = 0.001 }, Rest: 0.0001, Mean: 0.001);

        Assert.Equal(Math.Log2(0.1), names.Adjustment("김민준"), 10);
        Assert.Equal(0, names.Adjustment("이서연"), 10);
        Assert.Equal(Math.Log2(10), names.Adjustment("정하늘"), 10);
        Assert.Equal(new NameFrequency(0.0001, Rare: true, Math.Log2(10)), names.Frequency("정하늘"));
        Assert.Equal(new NameFrequency(0.01, Rare: false, Math.Log2(0.1)), names.Frequency("김민준"));
    }

    [Fact]
    public void A_name_too_rare_to_measure_in_a_small_sample_weighs_as_an_average_one_not_as_rare()
    {
        // In a small sample the bound on unlisted names is above the average: nothing says they are rare.
        var names = new NameFrequencies(new Dictionary<string, double> { ["김민준"] = 0.2 }, Rest: 0.1, Mean: 0.05);

        Assert.Equal(0, names.Adjustment("정하늘"), 10);
        Assert.Equal(new NameFrequency(0.1, Rare: true, 0), names.Frequency("정하늘"));
    }

    [Fact]
    public void Latin_names_count_as_one_whichever_order_their_parts_come_in_and_a_romanized_pair_counts_its_Hangul_name()
    {
        Assert.Equal(NameFrequencies.KeyOf(PersonName.Parse("LEE HEEWOO")), NameFrequencies.KeyOf(PersonName.Parse("Heewoo Lee")));
        Assert.Equal("이희우", NameFrequencies.KeyOf(PersonName.Parse("HEEWOO LEE"), PersonName.Parse("이희우")));
        Assert.Equal("이희우", NameFrequencies.KeyOf(PersonName.Parse("이희우"), PersonName.Parse("HEEWOO LEE")));
    }

    [Fact]
    public void Of_two_pairs_alike_in_every_field_the_one_sharing_a_common_name_weighs_less_and_the_parts_still_add_up()
    {
        var taxpayers = Enumerable.Range(0, 400).Select(i => Taxpayer($"T-{i}", i % 4 == 0 ? "김민준" : $"{Surnames[i % Surnames.Length]}{Given[i % Given.Length]}{Given[(i / 7) % Given.Length]}", i)).ToList();
        var accounts = taxpayers.Select((t, i) => new AccountIdentity("upbit", $"A-{i}", t.Name, t.Birth, i % 3 == 0 ? "01099999999" : t.Phone, null)).ToArray();
        var finder = new CandidateFinder(taxpayers);
        var model = MatchModelTrainer.Train(finder.Sample(accounts, MatchModelOptions.Default));
        Assert.NotNull(model.Names);

        var common = model.Weigh(new MatchEvidence(Agreement.Missing, NameAgreement.Exact, Agreement.Agrees, Agreement.Differs), "김민준");
        var rare = model.Weigh(new MatchEvidence(Agreement.Missing, NameAgreement.Exact, Agreement.Agrees, Agreement.Differs), "정하늘");

        Assert.True(common.Total < rare.Total, $"김민준 {common.Total} bits, 정하늘 {rare.Total} bits");
        var name = common.Fields.Single(f => f.Field == MatchField.Name);
        Assert.NotNull(name.Frequency);
        Assert.False(name.Frequency!.Rare);
        Assert.Equal(model.Fields[(int)MatchField.Name].Levels[0].Weight + name.Frequency.Bits, name.Weight, 2);
        var prior = Math.Log2(model.MatchShare / (1 - model.MatchShare));
        Assert.Equal(common.Total, prior + common.Fields.Sum(f => f.Weight), 1);

        // A name that does not agree says nothing of how common it is.
        var differing = model.Weigh(new MatchEvidence(Agreement.Missing, NameAgreement.Differs, Agreement.Agrees, Agreement.Differs), "김민준");
        Assert.Null(differing.Fields.Single(f => f.Field == MatchField.Name).Frequency);
        Assert.Equal(differing.Total, model.Weigh(new MatchEvidence(Agreement.Missing, NameAgreement.Differs, Agreement.Agrees, Agreement.Differs)).Total);
    }

    private static readonly string[] Surnames = ["이", "박", "최", "정", "강", "조", "윤", "장"];
    private static readonly string[] Given = ["서", "민", "지", "하", "준", "윤", "도", "현", "수", "우", "연", "아", "은"];

    private static TaxpayerIdentity Taxpayer(string id, string name, int i) =>
        new(id, PersonName.Parse(name), BirthDate.Of(new DateOnly(1950, 1, 1).AddDays(i * 37)), $"010{10_000_000 + i}", null);
}
