namespace Tracking.Domain.Matching.Weights;

/// <summary>
/// What a sweep counts to learn its match weights, by comparison pattern: random pairs (how often
/// fields agree by chance), the pairs each blocking rule brought together, and every pair compared
/// (each once), the blocks of the exact rules' keys, and the names of the taxpayers random pairs
/// are drawn from. Shards count their part; parts add up.
/// </summary>
public sealed record ComparisonSample(
    long Taxpayers,
    long Accounts,
    IReadOnlyDictionary<int, long> Random,
    IReadOnlyDictionary<string, IReadOnlyDictionary<int, long>> ByRule,
    IReadOnlyDictionary<int, long> Compared,
    IReadOnlyDictionary<string, KeyBlocks> Keys)
{
    private static readonly IReadOnlyDictionary<int, long> s_noCounts = new Dictionary<int, long>();

    private static readonly IReadOnlyDictionary<string, long> s_noNames = new Dictionary<string, long>();

    /// <summary>How many of the sampled taxpayers bear each name (<see cref="NameFrequencies.KeyOf(Identity.PersonName)"/>).</summary>
    public IReadOnlyDictionary<string, long> Names
    {
        get => field ?? s_noNames;

        // A shard of an earlier version sends no names, which JSON reads as null, not as the default.
        init;
    }

    public static ComparisonSample Empty { get; } = new(0, 0, new Dictionary<int, long>(), new Dictionary<string, IReadOnlyDictionary<int, long>>(), new Dictionary<int, long>(), new Dictionary<string, KeyBlocks>());

    public ComparisonSample Add(ComparisonSample other) => new(
        Taxpayers + other.Taxpayers,
        Accounts + other.Accounts,
        Sum(Random, other.Random),
        ByRule.Keys.Union(other.ByRule.Keys).ToDictionary(
            rule => rule,
            rule => Sum(ByRule.GetValueOrDefault(rule) ?? s_noCounts, other.ByRule.GetValueOrDefault(rule) ?? s_noCounts)),
        Sum(Compared, other.Compared),
        Keys.Keys.Union(other.Keys.Keys).ToDictionary(
            rule => rule,
            rule => (Keys.GetValueOrDefault(rule) ?? KeyBlocks.None).Add(other.Keys.GetValueOrDefault(rule) ?? KeyBlocks.None)))
    {
        Names = Sum(Names, other.Names),
    };

    private static IReadOnlyDictionary<TKey, long> Sum<TKey>(IReadOnlyDictionary<TKey, long> a, IReadOnlyDictionary<TKey, long> b)
        where TKey : notnull
    {
        var sum = new Dictionary<TKey, long>(a);
        foreach (var (pattern, count) in b)
        {
            sum[pattern] = sum.GetValueOrDefault(pattern) + count;
        }

        return sum;
    }
}
