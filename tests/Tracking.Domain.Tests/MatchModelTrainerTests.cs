using Tracking.Domain.Identity;
using Tracking.Domain.Matching;
using Tracking.Domain.Matching.Weights;

namespace Tracking.Domain.Tests;

public sealed class MatchModelTrainerTests
{
    // The truth the sample below is drawn from: 10,000 × 10,000 records, 8,000 of the pairs the same person.
    private const long Records = 10_000;
    private const double Matches = 8_000;

    private static readonly Dictionary<MatchField, double[]> s_m = new()
    {
        [MatchField.Rrn] = [0.85, 0.15],
        [MatchField.Name] = [0.5, 0.1, 0.25, 0.05, 0.1],
        [MatchField.Birth] = [0.85, 0.1, 0.05],
        [MatchField.Phone] = [0.7, 0.3],
    };

    private static readonly Dictionary<MatchField, double[]> s_u = new()
    {
        [MatchField.Rrn] = [0.0002, 0.9998],
        [MatchField.Name] = [0.0005, 0.0003, 0.004, 0.02, 0.9752],
        [MatchField.Birth] = [0.0004, 0.003, 0.9966],
        [MatchField.Phone] = [0.0003, 0.9997],
    };

    [Fact]
    public void Weights_learnt_from_pairs_blocked_on_birth_date_and_on_phone_are_the_ones_the_data_was_made_with()
    {
        var model = MatchModelTrainer.Train(Sample());

        foreach (var field in model.Fields)
        {
            Assert.True(field.Learnt, $"{field.Field} not learnt");
            for (var level = 0; level < field.Levels.Count; level++)
            {
                Assert.InRange(field.Levels[level].M, s_m[field.Field][level] - 0.01, s_m[field.Field][level] + 0.01);
                Assert.InRange(field.Levels[level].U, s_u[field.Field][level] * 0.9, s_u[field.Field][level] * 1.1 + 1e-5);
            }
        }

        // The match share counts the true pairs the birth-date rule holds, of all 10⁸ pairs.
        Assert.InRange(model.MatchShare, 0.8 * Matches * s_m[MatchField.Birth][0] / (Records * Records), 1.1 * Matches / (Records * Records));
    }

    [Fact]
    public void The_review_threshold_keeps_the_queue_s_expected_precision_takes_no_pair_less_likely_the_taxpayer_than_not_and_goes_as_low_as_both_allow()
    {
        var sample = Sample();
        var model = MatchModelTrainer.Train(sample, MatchModelOptions.Default with { ReviewPrecision = 0.8 });
        Assert.NotNull(model.ReviewThreshold);

        double Precision(double threshold)
        {
            double right = 0, all = 0;
            foreach (var (pattern, count) in sample.Compared)
            {
                var evidence = ComparisonPattern.Evidence(pattern);
                var weight = model.TotalOf(evidence);
                var decision = IdentityMatcher.Decide(evidence);
                if ((decision == MatchDecision.Review && !model.Dismisses(evidence)) || (decision is null && weight >= threshold))
                {
                    right += MatchModel.Probability(weight) * count;
                    all += count;
                }
            }

            return right / all;
        }

        Assert.True(Precision(model.ReviewThreshold!.Value) >= 0.8);
        Assert.True(model.ReviewThreshold >= 0, $"review from {model.ReviewThreshold} bits");
        var below = sample.Compared.Keys
            .Select(p => ComparisonPattern.Evidence(p))
            .Where(e => IdentityMatcher.Decide(e) is null)
            .Select(e => model.TotalOf(e))
            .Where(w => w < model.ReviewThreshold)
            .DefaultIfEmpty(double.NegativeInfinity)
            .Max();
        Assert.True(below < 0 || Precision(below) < 0.8, $"the threshold could have been {below}");
    }

    [Fact]
    public void With_no_data_the_weights_are_the_prior_s_and_nothing_is_sent_to_review_by_weight()
    {
        var model = MatchModelTrainer.Train(ComparisonSample.Empty);

        Assert.All(model.Fields, f => Assert.False(f.Learnt));
        Assert.Null(model.ReviewThreshold);
        Assert.False(model.Reviews(new MatchEvidence(Agreement.Missing, NameAgreement.Exact, Agreement.Agrees, Agreement.Agrees)));
    }

    [Fact]
    public void A_tiny_sweep_in_which_every_pair_shares_its_phone_still_weighs_every_level_finitely()
    {
        var taxpayers = new[] { "김민준", "이서연", "박지훈" }.Select((name, i) => new TaxpayerIdentity($"T-{i}", PersonName.Parse(name), BirthDate.Of(new DateOnly(1980, 1, 1 + i)), "01012345678", null));
        var accounts = new[] { "김민준", "최수아" }.Select((name, i) => new AccountIdentity("upbit", $"A-{i}", PersonName.Parse(name), BirthDate.Of(new DateOnly(1980, 1, 1)), "01012345678", null)).ToArray();
        var finder = new CandidateFinder(taxpayers);

        var model = MatchModelTrainer.Train(finder.Sample(accounts, MatchModelOptions.Default));

        Assert.All(model.Fields.SelectMany(f => f.Levels), level => Assert.True(double.IsFinite(level.Weight), $"{level.Level} weighs {level.Weight}"));
        Assert.InRange(model.MatchShare, 1e-12, 0.5);
        Assert.All(finder.Find(accounts, model), c => Assert.True(double.IsFinite(c.Weight!.Total)));
    }

    [Fact]
    public void Random_pairs_are_the_seeds_draws_counted_once_each_whatever_cores_compare_them()
    {
        string[] names = ["김민준", "이서연", "박지훈", "최수아", "Kim Minjun", "정하늘", ""];
        var taxpayers = names.Select((name, i) => new TaxpayerIdentity($"T-{i}", PersonName.Parse(name), BirthDate.Of(new DateOnly(1980, 1 + i, 1)), $"0101234000{i}", i % 2 == 0 ? $"rrn-{i}" : null)).ToArray();
        var accounts = names.Reverse().Select((name, i) => new AccountIdentity("upbit", $"A-{i}", PersonName.Parse(name), BirthDate.Of(new DateOnly(1980, 1 + (i % 3), 1)), $"0101234000{i % 4}", i % 3 == 0 ? $"rrn-{6 - i}" : null)).ToArray();
        var (pairs, seed) = (5_000, 7);

        // Each pair as the seed draws it: a taxpayer, then an account.
        var random = new Random(seed);
        var expected = new Dictionary<int, long>();
        for (var i = 0; i < pairs; i++)
        {
            var pattern = ComparisonPattern.Of(MatchEvidence.Between(taxpayers[random.Next(taxpayers.Length)], accounts[random.Next(accounts.Length)]));
            expected[pattern] = expected.GetValueOrDefault(pattern) + 1;
        }

        var counter = new ComparisonCounter();
        counter.AddRandomPairs(taxpayers, accounts, pairs, seed);

        Assert.True(expected.Count > 3, $"the records meet in {expected.Count} patterns only");
        Assert.Equal(expected.OrderBy(p => p.Key), counter.ToSample(0, 0).Random.OrderBy(p => p.Key));
    }

    [Fact]
    public void A_pair_s_weight_is_the_prior_plus_each_compared_field_s_level_weight_and_a_missing_field_weighs_nothing()
    {
        var model = MatchModelTrainer.Train(Sample());
        var evidence = new MatchEvidence(Agreement.Missing, NameAgreement.Near, Agreement.Agrees, Agreement.Differs);

        var weight = model.Weigh(evidence);

        Assert.Equal([MatchField.Name, MatchField.Birth, MatchField.Phone], weight.Fields.Select(f => f.Field));
        Assert.Equal(["near", "agrees", "differs"], weight.Fields.Select(f => f.Level));
        var expected = Math.Log2(model.MatchShare / (1 - model.MatchShare))
            + model.Fields[(int)MatchField.Name].Levels[2].Weight
            + model.Fields[(int)MatchField.Birth].Levels[0].Weight
            + model.Fields[(int)MatchField.Phone].Levels[1].Weight;
        Assert.Equal(expected, weight.Total, 2);
        Assert.Equal(MatchModel.Probability(expected), weight.Probability, 3);
    }

    [Fact]
    public void A_pair_the_rules_send_to_review_is_dropped_only_when_learnt_weights_say_it_is_more_likely_not_the_taxpayer()
    {
        // The sample's weights in a population 16 times as large: a true pair is 16 times as rare among all pairs.
        var trained = MatchModelTrainer.Train(Sample());
        var learnt = trained with { MatchShare = trained.MatchShare / 16 };
        var prior = MatchModelTrainer.Train(ComparisonSample.Empty);
        var birth = BirthDate.Of(new DateOnly(1980, 1, 2));
        var taxpayer = new TaxpayerIdentity("T-1", PersonName.Parse("김민준"), birth, "01011112222", "rrn-a");
        // Another RRN with the same name and birth date: the rules send it to review in case one was mistyped.
        var otherRrn = new AccountIdentity("upbit", "A-1", PersonName.Parse("김민준"), birth, "01033334444", "rrn-b");
        // No RRN, the same name and birth date, another phone: a true pair more often than not.
        var newPhone = otherRrn with { RrnHash = null };

        Assert.Equal(MatchDecision.Review, IdentityMatcher.Decide(MatchEvidence.Between(taxpayer, otherRrn)));
        Assert.True(learnt.TotalOf(MatchEvidence.Between(taxpayer, otherRrn)) < 0);
        Assert.Null(IdentityMatcher.Match(taxpayer, otherRrn, learnt));
        Assert.True(learnt.TotalOf(MatchEvidence.Between(taxpayer, newPhone)) >= 0);
        Assert.Equal(MatchDecision.Review, IdentityMatcher.Match(taxpayer, newPhone, learnt)?.Decision);
        // Weights no data taught are a guess, and do not overrule the rules.
        Assert.All(prior.Fields, f => Assert.False(f.Learnt));
        Assert.True(prior.TotalOf(MatchEvidence.Between(taxpayer, otherRrn)) < 0);
        Assert.Equal(MatchDecision.Review, IdentityMatcher.Match(taxpayer, otherRrn, prior)?.Decision);
    }

    [Fact]
    public void Every_pattern_packs_and_unpacks_to_the_same_evidence()
    {
        foreach (var rrn in new[] { Agreement.Missing, Agreement.Agrees, Agreement.Differs })
        {
            foreach (var name in Enum.GetValues<NameAgreement>())
            {
                foreach (var birth in Enum.GetValues<Agreement>())
                {
                    foreach (var phone in new[] { Agreement.Missing, Agreement.Agrees, Agreement.Differs })
                    {
                        var evidence = new MatchEvidence(rrn, name, birth, phone);
                        Assert.Equal(evidence, ComparisonPattern.Evidence(ComparisonPattern.Of(evidence)));
                    }
                }
            }
        }
    }

    /// <summary>
    /// The counts a sweep would make of data drawn from <see cref="s_m"/> and <see cref="s_u"/>, in
    /// expectation: 10⁶ random pairs (true pairs among them in their share), the phone's key blocks, and the pairs two blocking rules (birth date, phone) bring together.
    /// </summary>
    private static ComparisonSample Sample()
    {
        var random = new Dictionary<int, long>();
        var byBirth = new Dictionary<int, long>();
        var byPhone = new Dictionary<int, long>();
        const double pairs = (double)Records * Records;
        foreach (var levels in Combinations())
        {
            var evidence = ComparisonPattern.Evidence(Pattern(levels));
            double same = 1, different = 1;
            foreach (var field in ComparisonPattern.Fields)
            {
                same *= s_m[field][levels[(int)field]];
                different *= s_u[field][levels[(int)field]];
            }

            var pattern = ComparisonPattern.Of(evidence);
            // Random pairs are sometimes the same person too, as in real data.
            Add(random, pattern, 1_000_000 * ((Matches / pairs * same) + ((1 - (Matches / pairs)) * different)));
            var count = Matches * same + (pairs - Matches) * different;
            if (evidence.Birth == Agreement.Agrees)
            {
                Add(byBirth, pattern, count);
            }

            if (evidence.Phone == Agreement.Agrees)
            {
                Add(byPhone, pattern, count);
            }
        }

        var compared = new Dictionary<int, long>(byBirth);
        foreach (var (pattern, count) in byPhone)
        {
            compared.TryAdd(pattern, count);
        }

        return new ComparisonSample(Records, Records, random, new Dictionary<string, IReadOnlyDictionary<int, long>>
        {
            [BlockingRule.Birth.Name] = byBirth,
            [BlockingRule.Phone.Name] = byPhone,
        }, compared, new Dictionary<string, KeyBlocks>
        {
            // Every record has a phone; the phone's blocks hold exactly the pairs that agree on it.
            [BlockingRule.Phone.Name] = new(Records, Records, byPhone.Values.Sum()),
        });
    }

    private static IEnumerable<int[]> Combinations() =>
        from rrn in Enumerable.Range(0, 2)
        from name in Enumerable.Range(0, 5)
        from birth in Enumerable.Range(0, 3)
        from phone in Enumerable.Range(0, 2)
        select new[] { rrn, name, birth, phone };

    private static int Pattern(int[] levels) =>
        ComparisonPattern.Fields.Aggregate(0, (pattern, field) => pattern | (levels[(int)field] + 1) << (3 * (int)field));

    private static void Add(Dictionary<int, long> counts, int pattern, double expected)
    {
        if (Math.Round(expected) is var rounded and > 0)
        {
            counts[pattern] = counts.GetValueOrDefault(pattern) + (long)rounded;
        }
    }
}
