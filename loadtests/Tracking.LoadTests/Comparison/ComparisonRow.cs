namespace Tracking.LoadTests.Comparison;

/// <summary>
/// One line of the before/after table: a figure of each side (null where that side did not measure
/// it) and, where the line has a baseline, the figure over its side's baseline measured in the same run.
/// </summary>
internal sealed record ComparisonRow(string What, string Unit, double? Before, double? BeforeVsBaseline, double? After, double? AfterVsBaseline)
{
    /// <summary>After over before: for a time (s, ns, ms) below 1 is better, for a rate above 1.</summary>
    public double? AfterOverBefore => Before is > 0 && After is { } after ? after / Before : null;
}
