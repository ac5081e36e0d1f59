using System.Globalization;
using System.Security;
using System.Text;
using Tracking.LoadTests.Reporting;

namespace Tracking.LoadTests.Office;

/// <summary>
/// The run over time as an SVG picture of panels one above the other, on one time axis: each a set
/// of lines on a linear or a logarithmic scale. The simulated day is marked along the bottom.
/// </summary>
internal static class OfficeMonthChart
{
    private const int Width = 1200;
    private const int PanelHeight = 240;
    private const int Left = 70;
    private const int Right = 330;
    private const int Top = 40;
    private const int Gap = 40;

    /// <summary>One line: its name and a value per interval (NaN where there is none).</summary>
    public sealed record Series(string Name, double[] Values);

    /// <summary>One panel: what its axis measures, its lines, and whether its scale is logarithmic.</summary>
    public sealed record Panel(string Axis, IReadOnlyList<Series> Lines, bool Logarithmic = false);

    public static string Render(string title, double intervalSeconds, IReadOnlyList<Panel> panels, IReadOnlyList<(double Second, int Day)> days)
    {
        var intervals = panels.SelectMany(p => p.Lines).Max(s => s.Values.Length);
        var plotWidth = Width - Left - Right;
        var height = Top + panels.Count * (PanelHeight + Gap) + 40;
        double X(int i) => Left + plotWidth * (intervals <= 1 ? 0 : i / (double)(intervals - 1));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{height}" font-family="sans-serif" font-size="12">""").AppendLine();
        svg.Append(CultureInfo.InvariantCulture, $"""<rect width="{Width}" height="{height}" fill="white"/><text x="{Left}" y="20" font-size="15">{SecurityElement.Escape(title)}</text>""").AppendLine();
        for (var p = 0; p < panels.Count; p++)
        {
            Draw(panels[p], Top + p * (PanelHeight + Gap));
        }

        // Simulated days along the bottom, at most about twenty labels.
        var bottom = Top + panels.Count * (PanelHeight + Gap) - Gap;
        var every = Math.Max(1, days.Count / 20);
        foreach (var (second, day) in days.Where((_, i) => i % every == 0))
        {
            var x = Left + plotWidth * Math.Min(1, second / Math.Max(intervalSeconds, (intervals - 1) * intervalSeconds));
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{x:F1}" y1="{Top}" x2="{x:F1}" y2="{bottom}" stroke="#eee"/><text x="{x:F1}" y="{bottom + 16}" text-anchor="middle">{day}</text>""").AppendLine();
        }

        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left + plotWidth / 2}" y="{bottom + 34}" text-anchor="middle">simulated day (KST) — {intervals * intervalSeconds:N0} s of real time, {intervalSeconds:N0} s per point</text>""").AppendLine();
        svg.AppendLine("</svg>");
        return svg.ToString();

        void Draw(Panel panel, double top)
        {
            var values = panel.Lines.SelectMany(s => s.Values).Where(v => double.IsFinite(v) && (!panel.Logarithmic || v > 0)).DefaultIfEmpty(1).ToArray();
            Func<double, double> y;
            double[] ticks;
            if (panel.Logarithmic)
            {
                var low = Math.Pow(10, Math.Floor(Math.Log10(values.Min())));
                var high = Math.Pow(10, Math.Ceiling(Math.Log10(Math.Max(values.Max(), low * 10))));
                y = v => top + PanelHeight * (1 - Math.Log10(v / low) / Math.Log10(high / low));
                ticks = [.. Enumerable.Range(0, (int)Math.Round(Math.Log10(high / low)) + 1).Select(k => low * Math.Pow(10, k))];
            }
            else
            {
                var max = Math.Max(1, values.Max());
                y = v => top + PanelHeight * (1 - v / max);
                ticks = [0, max / 2, max];
            }

            svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{Left}" y="{top}" width="{plotWidth}" height="{PanelHeight}" fill="none" stroke="#999"/><text x="12" y="{top + PanelHeight / 2}" transform="rotate(-90 12 {top + PanelHeight / 2})" text-anchor="middle">{SecurityElement.Escape(panel.Axis)}</text>""").AppendLine();
            foreach (var tick in ticks)
            {
                svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left - 6}" y="{y(tick) + 4:F1}" text-anchor="end">{tick.ToString(panel.Logarithmic ? "0.###" : "N0", CultureInfo.InvariantCulture)}</text><line x1="{Left}" y1="{y(tick):F1}" x2="{Left + plotWidth}" y2="{y(tick):F1}" stroke="#ddd"/>""").AppendLine();
            }

            for (var s = 0; s < panel.Lines.Count; s++)
            {
                var colour = ChartColours.Of(s);

                // An interval without a value (no request, or none on a log scale) is skipped: the line joins its neighbours.
                var points = panel.Lines[s].Values.Select((v, i) => (X: X(i), Y: y(v))).Where(p => double.IsFinite(p.Y))
                    .Select(p => $"{p.X:F1},{Math.Clamp(p.Y, top, top + PanelHeight):F1}");
                svg.Append(CultureInfo.InvariantCulture, $"""<polyline fill="none" stroke="{colour}" stroke-width="1.3" points="{string.Join(' ', points)}"/>""").AppendLine();
                var legendY = top + 14 + s * 16;
                svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Width - Right + 10}" y1="{legendY - 4}" x2="{Width - Right + 30}" y2="{legendY - 4}" stroke="{colour}" stroke-width="2"/><text x="{Width - Right + 36}" y="{legendY}">{SecurityElement.Escape(panel.Lines[s].Name)}</text>""").AppendLine();
            }
        }
    }
}
