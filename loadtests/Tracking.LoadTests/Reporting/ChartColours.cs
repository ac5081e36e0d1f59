namespace Tracking.LoadTests.Reporting;

/// <summary>The colours the benchmarks' pictures draw their lines in, one after another.</summary>
internal static class ChartColours
{
    private static readonly string[] s_colours =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#000000", "#aec7e8"];

    /// <summary>The colour of the <paramref name="line"/>-th line (from 0), round again past the last.</summary>
    public static string Of(int line) => s_colours[line % s_colours.Length];
}
