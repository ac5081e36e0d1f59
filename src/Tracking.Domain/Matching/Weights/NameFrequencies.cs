using Tracking.Domain.Identity;

namespace Tracking.Domain.Matching.Weights;

/// <summary>
/// How common each name is among a sweep's taxpayers, so that a name agreeing weighs by the name,
/// as Splink's term-frequency adjustment does: two records sharing a name held by one person in a
/// hundred thousand say far more than two sharing the commonest name. The level's weight assumes a
/// name of average commonness (<paramref name="Mean"/>, the chance two people drawn from the
/// taxpayers share a name); a name's own share moves it by log₂(mean / share).
/// </summary>
/// <param name="Shares">The share of taxpayers bearing each name seen often enough to be measured, by <see cref="KeyOf(PersonName)"/>.</param>
/// <param name="Rest">The largest share a name not listed can have: a name below it is rare.</param>
/// <param name="Mean">The chance that two different taxpayers drawn at random share a name.</param>
public sealed record NameFrequencies(IReadOnlyDictionary<string, double> Shares, double Rest, double Mean)
{
    /// <summary>The frequency a name agreement is weighed by, and the bits it moves the level's weight.</summary>
    public NameFrequency Frequency(string name)
    {
        var weighed = Weighed(name, out var listed);
        return new NameFrequency(Math.Round(listed ? weighed : Rest, 8), !listed, Math.Log2(Mean / weighed));
    }

    /// <summary>The bits a name agreement moves: what the hot path needs, without the record.</summary>
    public double Adjustment(string name) => Math.Log2(Mean / Weighed(name, out _));

    /// <summary>The name as counted: Hangul syllables, or Latin tokens in order (comparisons try both orders).</summary>
    public static string KeyOf(PersonName name) =>
        name.Tokens.Count > 1 ? string.Join(' ', name.Tokens.Order(StringComparer.Ordinal)) : name.Compact;

    /// <summary>The name two records agree on: the Hangul one where one is romanized, else the taxpayer's.</summary>
    public static string KeyOf(PersonName taxpayer, PersonName account) =>
        KeyOf(account.Script == NameScript.Hangul && taxpayer.Script != NameScript.Hangul ? account : taxpayer);

    /// <summary>
    /// The frequencies of a sample's name counts; null when no name repeats, which says nothing of
    /// how common any name is.
    /// </summary>
    public static NameFrequencies? Measure(IReadOnlyDictionary<string, long> counts, MatchModelOptions options)
    {
        double total = counts.Values.Sum();
        var pairs = counts.Values.Sum(c => (double)c * (c - 1));
        if (total < 2 || pairs == 0)
        {
            return null;
        }

        var byCount = counts
            .OrderByDescending(c => c.Value)
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .ToArray();
        var listed = byCount.Where(c => c.Value >= options.NameMeasuredFrom).Take(options.NamesListed).ToArray();
        var rest = byCount.Length > listed.Length ? byCount[listed.Length].Value : 1;
        return new NameFrequencies(
            listed.ToDictionary(c => c.Key, c => c.Value / total, StringComparer.Ordinal),
            rest / total,
            pairs / (total * (total - 1)));
    }

    /// <summary>
    /// A listed name's share; a name too rare to be listed is known only to be rarer than the
    /// rest's bound, and is weighed as that bound, or as a name of average commonness when the
    /// bound is above the average.
    /// </summary>
    private double Weighed(string name, out bool listed)
    {
        listed = Shares.TryGetValue(name, out var share);
        return listed ? share : Math.Min(Rest, Mean);
    }
}
