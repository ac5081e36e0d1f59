using Tracking.Domain.Identity;
using Tracking.Domain.Matching;
using Tracking.Domain.Matching.Weights;
using Tracking.LoadTests.Reporting;

namespace Tracking.LoadTests.Linkage;

/// <summary>
/// Linkage quality on FEBRL 1–4: originals as the roll, duplicates as the accounts, the social
/// security id as the RRN, as the phone, or left out; the weights learnt from each set. For each:
/// what the sweep decides (auto, review, recall, review items per true pair; recall by the rules
/// alone, the baseline), and precision and
/// recall of "weight ≥ t" over every pair blocking brought together, t in whole bits, as a table
/// and as a picture; and FEBRL-4's true pairs not found, by their evidence.
/// </summary>
internal static class LinkageBenchmark
{
    private static readonly string[] s_sets = ["dataset1.csv", "dataset2.csv", "dataset3.csv", "dataset4"];
    private static readonly string[] s_projections = ["rrn", "phone", "none"];
    private static readonly double[] s_tabled = [-10, -5, 0, 5, 10, 15, 20];

    private static readonly Dictionary<string, string> s_named = new()
    {
        ["rrn"] = "the id as the RRN",
        ["phone"] = "the id as the phone",
        ["none"] = "name and birth date alone",
    };

    public static IReadOnlyList<LinkageFigures> Run(string febrl, string picture)
    {
        var figures = new List<LinkageFigures>();
        var curves = new List<PrecisionRecallChart.Curve>();
        Console.WriteLine("| set | id as | true pairs | auto (wrong) | review (true) | found | found by the rules alone | review items per true pair | λ | review from weight |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        var rows = new List<string>();
        var missed = new List<(string Projection, (TaxpayerIdentity, AccountIdentity)[] Pairs, MatchModel Model)>();
        foreach (var set in s_sets)
        {
            foreach (var projection in s_projections)
            {
                var (taxpayers, accounts) = Load(febrl, set, projection);
                var finder = new CandidateFinder(taxpayers);
                var model = MatchModelTrainer.Train(finder.Sample(accounts, MatchModelOptions.Default));
                var byPerson = taxpayers.ToDictionary(t => Person(t.TaxpayerId));
                var truePairs = accounts.Count(a => byPerson.ContainsKey(Person(a.AccountId)));
                var candidates = finder.Find(accounts, model).ToArray();
                var auto = candidates.Where(c => c.Decision == MatchDecision.Auto).ToArray();
                var review = candidates.Where(c => c.Decision == MatchDecision.Review).ToArray();
                var found = candidates.Count(IsTrue);
                var byRules = finder.Find(accounts).Count(IsTrue) / (double)truePairs;
                var perTrue = review.Length / (double)Math.Max(1, review.Count(IsTrue));
                Console.WriteLine($"| {set} | {projection} | {truePairs:N0} | {auto.Length:N0} ({auto.Count(c => !IsTrue(c))}) | {review.Length:N0} ({review.Count(IsTrue):N0}) | {found / (double)truePairs:P1} | {byRules:P1} | {perTrue:F2} | {model.MatchShare:E1} | {(model.ReviewThreshold is { } t ? $"≥ {t:F1} bits" : "none")} |");
                figures.Add(new LinkageFigures(set, projection, truePairs, auto.Length, auto.Count(c => !IsTrue(c)), review.Length, review.Count(IsTrue), found / (double)truePairs, byRules, perTrue, model.ReviewThreshold));

                if (set == "dataset4")
                {
                    // Every pair blocking brought together, weighed: what a threshold alone would give.
                    // A model that reviews from any weight and dismisses nothing (a field not learnt
                    // never overrules the rules) makes each of them a candidate, its weight unchanged.
                    var everything = model with { ReviewThreshold = double.MinValue, Fields = [.. model.Fields.Select(f => f with { Learnt = false })] };
                    var weighed = finder.Find(accounts, everything).ToArray();
                    var points = (
                        from bits in Enumerable.Range(-20, 51)
                        let above = weighed.Where(c => c.Weight!.Total >= bits).ToArray()
                        where above.Length > 0
                        select new PrecisionRecallChart.Point(bits, above.Count(IsTrue) / (double)above.Length, above.Count(IsTrue) / (double)truePairs)).ToArray();
                    var row = s_tabled.Select(t => points.FirstOrDefault(p => p.Bits == t) is { } p ? $"{p.Precision:F3} / {p.Recall:F3}" : "— / 0.000");
                    rows.Add($"| {projection} | {string.Join(" | ", row)} |");
                    curves.Add(new(s_named[projection], points, found / (double)candidates.Length, found / (double)truePairs));
                    var foundPairs = candidates.Where(IsTrue).Select(c => c.AccountId).ToHashSet(StringComparer.Ordinal);
                    missed.Add((projection, [.. accounts.Where(a => byPerson.ContainsKey(Person(a.AccountId)) && !foundPairs.Contains(a.AccountId)).Select(a => (byPerson[Person(a.AccountId)], a))], model));
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine("Precision / recall of every blocked pair with weight ≥ t (FEBRL-4):");
        Console.WriteLine();
        Console.WriteLine("| id as | t = −10 | −5 | 0 | 5 | 10 | 15 | 20 |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        rows.ForEach(Console.WriteLine);
        File.WriteAllText(picture, PrecisionRecallChart.Render("FEBRL-4: precision and recall of every blocked pair weighing at least t bits", curves, [-10, 0, 10, 20]));
        Console.WriteLine();
        Console.WriteLine($"The same as a picture, every bit from −20 to +30: {picture}");
        foreach (var (projection, pairs, model) in missed)
        {
            Console.WriteLine();
            Console.WriteLine($"FEBRL-4, id as {projection}:");
            Console.WriteLine();
            MissedPairs.Print(pairs, model);
        }

        return figures;
    }

    private static (TaxpayerIdentity[] Taxpayers, AccountIdentity[] Accounts) Load(string febrl, string set, string projection)
    {
        IEnumerable<string[]> Rows(string file) => File.ReadLines(Path.Combine(febrl, file)).Skip(1).Select(line => line.Split(',').Select(f => f.Trim()).ToArray());
        var (originals, duplicates) = set == "dataset4"
            ? (Rows("dataset4a.csv").ToArray(), Rows("dataset4b.csv").ToArray())
            : (Rows(set).Where(r => r[0].EndsWith("-org", StringComparison.Ordinal)).ToArray(), Rows(set).Where(r => r[0].Contains("-dup-", StringComparison.Ordinal)).ToArray());
        string? Rrn(string[] r) => projection == "rrn" && r[10].Length > 0 ? r[10] : null;
        string? Phone(string[] r) => projection == "phone" && r[10].Length > 0 ? r[10] : null;
        PersonName Name(string[] r) => PersonName.Parse($"{r[1]} {r[2]}");
        return (
            [.. originals.Select(r => new TaxpayerIdentity(r[0], Name(r), BirthDate.Parse(r[9], "yyyyMMdd"), Phone(r), Rrn(r)))],
            [.. duplicates.Select(r => new AccountIdentity("febrl", r[0], Name(r), BirthDate.Parse(r[9], "yyyyMMdd"), Phone(r), Rrn(r)))]);
    }

    private static bool IsTrue(MatchCandidate c) => Person(c.TaxpayerId) == Person(c.AccountId);

    private static string Person(string recordId) => recordId.Split('-')[1];
}

internal sealed record LinkageFigures(string Set, string IdAs, int TruePairs, int Auto, int WrongAuto, int Review, int ReviewTrue, double Recall, double RecallByRules, double ReviewItemsPerTruePair, double? ReviewThresholdBits);
