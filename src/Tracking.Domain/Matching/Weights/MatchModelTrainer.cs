namespace Tracking.Domain.Matching.Weights;

/// <summary>
/// Learns a <see cref="MatchModel"/> from a sweep's <see cref="ComparisonSample"/>, as Splink does:
/// u from random pairs; m by expectation–maximisation over each blocking rule's pairs with u held
/// fixed and the fields the rule agrees on left out (pairs that met because their birth dates agree
/// would otherwise make birth agreement look like proof); the rules' estimates pooled, with a
/// weak prior for fields no rule could learn; and how common each name is, from the taxpayers
/// random pairs are drawn from.
/// </summary>
public static class MatchModelTrainer
{
    /// <summary>What a true pair's fields look like before any data: mostly agreeing, sometimes mistyped.</summary>
    private static readonly IReadOnlyDictionary<MatchField, double[]> s_priorM = new Dictionary<MatchField, double[]>
    {
        [MatchField.Rrn] = [0.95, 0.05],
        [MatchField.Name] = [0.55, 0.05, 0.25, 0.07, 0.08],
        [MatchField.Birth] = [0.9, 0.05, 0.05],
        [MatchField.Phone] = [0.8, 0.2],
    };

    public static MatchModel Train(ComparisonSample sample, MatchModelOptions? options = null)
    {
        options ??= MatchModelOptions.Default;
        var fields = ComparisonPattern.Fields;
        var seen = fields.ToDictionary(f => f, f => LevelCounts(sample.Random, f));
        var pairs = (double)sample.Taxpayers * sample.Accounts;
        var (model, shares) = Learn(sample, fields.ToDictionary(f => f, f => ChanceAgreement(seen[f], null, 0)), pairs, options);

        // Random pairs hold true pairs too, a share λ of them: few, but for a field as unique as the
        // RRN they are most of its agreements, and would make agreement look like chance. Once λ
        // and m are known they are taken out, and the weights learnt again. A field an exact rule
        // blocks on is counted better still: the pairs its blocks hold, less the true ones among them.
        for (var round = 0; round < 2; round++)
        {
            var current = model;
            var u = fields.ToDictionary(f => f, f => ChanceAgreement(seen[f], current.Fields[(int)f], current.MatchShare));
            foreach (var (name, blocks) in sample.Keys)
            {
                if (BlockingRule.Named(name) is { Exact: true, Agreeing: [var field] } && shares.TryGetValue(name, out var share))
                {
                    u[field] = blocks.ChanceAgreement(share);
                }
            }

            (model, shares) = Learn(sample, u, pairs, options);
        }

        return model with { ReviewThreshold = Threshold(model, sample.Compared, options.ReviewPrecision), Names = NameFrequencies.Measure(sample.Names, options) };
    }

    /// <summary>The model under these u-probabilities, and the share of true pairs among each rule's pairs.</summary>
    private static (MatchModel Model, Dictionary<string, double> Shares) Learn(ComparisonSample sample, IReadOnlyDictionary<MatchField, double[]> u, double pairs, MatchModelOptions options)
    {
        var fields = ComparisonPattern.Fields;
        var learnt = fields.ToDictionary(f => f, f => new double[ComparisonPattern.Levels(f).Count]);
        var shares = new Dictionary<string, double>(StringComparer.Ordinal);
        var expectedMatches = 0.0;
        foreach (var (name, counts) in sample.ByRule.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (BlockingRule.Named(name) is not { } rule)
            {
                continue;
            }

            var (share, matched) = Expect(counts, rule, u, options);
            shares[name] = share;
            expectedMatches = Math.Max(expectedMatches, share * counts.Values.Sum());
            foreach (var (field, levels) in matched)
            {
                for (var level = 0; level < levels.Length; level++)
                {
                    learnt[field][level] += levels[level];
                }
            }
        }

        var models = fields.Select(f => new FieldModel(
            f,
            [.. ComparisonPattern.Levels(f).Select((level, i) => new LevelModel(level, Posterior(learnt[f], i, f, options), u[f][i]))],
            learnt[f].Sum() >= options.PriorPairs)).ToArray();
        var matchShare = pairs > 0 ? Math.Clamp(expectedMatches / pairs, 1e-12, 0.5) : 0.5;
        return (new MatchModel(matchShare, models, null, options.ReviewPrecision), shares);
    }

    private static double[] LevelCounts(IReadOnlyDictionary<int, long> random, MatchField field)
    {
        var counts = new double[ComparisonPattern.Levels(field).Count];
        foreach (var (pattern, count) in random.OrderBy(r => r.Key))
        {
            if (ComparisonPattern.Level(pattern, field) is { } level)
            {
                counts[level] += count;
            }
        }

        return counts;
    }

    /// <summary>
    /// u: how often each level is seen between two random records that are not the same person
    /// (the expected true pairs among them taken out), with half a pseudo-count a level.
    /// </summary>
    private static double[] ChanceAgreement(double[] seen, FieldModel? matches, double matchShare)
    {
        var total = seen.Sum();
        var different = seen.Select((count, level) => Math.Max(0, count - (matches is null ? 0 : matchShare * total * matches.Levels[level].M))).ToArray();
        var sum = different.Sum() + (0.5 * different.Length);
        return [.. different.Select(c => (c + 0.5) / sum)];
    }

    /// <summary>EM over one rule's pairs: the share that are true pairs, and each field's expected level counts among them.</summary>
    private static (double Share, Dictionary<MatchField, double[]> Matched) Expect(
        IReadOnlyDictionary<int, long> counts, BlockingRule rule, IReadOnlyDictionary<MatchField, double[]> u, MatchModelOptions options)
    {
        var fields = ComparisonPattern.Fields.Except(rule.Agreeing).ToArray();
        var patterns = counts
            .GroupBy(c => ComparisonPattern.Without(c.Key, rule.Agreeing), c => c.Value)
            .Select(g => (Pattern: g.Key, Count: (double)g.Sum()))
            .OrderBy(p => p.Pattern)
            .ToArray();
        var total = patterns.Sum(p => p.Count);
        var m = fields.ToDictionary(f => f, f => (double[])s_priorM[f].Clone());
        var share = 0.5;
        var matched = fields.ToDictionary(f => f, f => new double[m[f].Length]);
        for (var round = 0; round < options.MaxIterations && total > 0; round++)
        {
            foreach (var levels in matched.Values)
            {
                Array.Clear(levels);
            }

            var matches = 0.0;
            foreach (var (pattern, count) in patterns)
            {
                double same = share, different = 1 - share;
                foreach (var field in fields)
                {
                    if (ComparisonPattern.Level(pattern, field) is { } level)
                    {
                        same *= m[field][level];
                        different *= u[field][level];
                    }
                }

                var posterior = same / (same + different);
                matches += posterior * count;
                foreach (var field in fields)
                {
                    if (ComparisonPattern.Level(pattern, field) is { } level)
                    {
                        matched[field][level] += posterior * count;
                    }
                }
            }

            foreach (var field in fields)
            {
                for (var level = 0; level < m[field].Length; level++)
                {
                    m[field][level] = Posterior(matched[field], level, field, options);
                }
            }

            var moved = Math.Abs(matches / total - share);
            share = matches / total;
            if (moved < 1e-9)
            {
                break;
            }
        }

        return (share, matched);
    }

    private static double Posterior(double[] matched, int level, MatchField field, MatchModelOptions options) =>
        (matched[level] + options.PriorPairs * s_priorM[field][level]) / (matched.Sum() + options.PriorPairs);

    /// <summary>
    /// The lowest weight at which the review queue (what the rules send there and the weights do not
    /// dismiss, and every pair not automatic from that weight up) keeps its expected precision, going no lower than pairs more
    /// likely the taxpayer than not (else a queue the rules fill with sure pairs would take in any
    /// number of hopeless ones); null if no weight qualifies.
    /// </summary>
    private static double? Threshold(MatchModel model, IReadOnlyDictionary<int, long> compared, double precision)
    {
        double right = 0, all = 0;
        var byWeight = new List<(double Weight, double Probability, long Count)>();
        // In pattern order: the sums, and so the threshold, are the same however the counts were merged.
        foreach (var (pattern, count) in compared.OrderBy(c => c.Key))
        {
            var evidence = ComparisonPattern.Evidence(pattern);
            var weight = model.TotalOf(evidence);
            var probability = MatchModel.Probability(weight);
            switch (IdentityMatcher.Decide(evidence))
            {
                case MatchDecision.Review when !model.Dismisses(evidence):
                    right += probability * count;
                    all += count;
                    break;
                case null:
                    byWeight.Add((weight, probability, count));
                    break;
            }
        }

        double? threshold = null;
        foreach (var group in byWeight.GroupBy(p => p.Weight).Where(g => g.Key >= 0).OrderByDescending(g => g.Key))
        {
            right += group.Sum(p => p.Probability * p.Count);
            all += group.Sum(p => p.Count);
            if (right >= precision * all)
            {
                threshold = group.Key;
            }
        }

        return threshold;
    }
}
