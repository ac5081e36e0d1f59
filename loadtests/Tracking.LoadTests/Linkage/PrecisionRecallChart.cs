using System.Globalization;
using System.Security;
using System.Text;
using Tracking.LoadTests.Reporting;

namespace Tracking.LoadTests.Linkage;

/// <summary>
/// Precision against recall as an SVG picture: one line a set of pairs, a point per weight
/// threshold (some labelled with their bits), and a ring where the sweep's own decision lies.
/// Every second line is dashed, so that one lying on another still shows.
/// The axes start at the tenth below the lowest value shown, so the corner that matters is legible.
/// </summary>
internal static class PrecisionRecallChart
{
    private const int Size = 520;
    private const int Left = 70;
    private const int Top = 50;
    private const int Legend = 310;

    /// <summary>Precision and recall of the pairs weighing at least <paramref name="Bits"/>.</summary>
    public sealed record Point(double Bits, double Precision, double Recall);

    /// <summary>One line, and the precision and recall of what the sweep decided (auto and review together).</summary>
    public sealed record Curve(string Name, IReadOnlyList<Point> Points, double DecidedPrecision, double DecidedRecall);

    public static string Render(string title, IReadOnlyList<Curve> curves, IReadOnlyList<double> labelled)
    {
        var points = curves.SelectMany(c => c.Points).ToArray();
        var xLow = Math.Floor(Math.Min(points.Min(p => p.Recall), curves.Min(c => c.DecidedRecall)) * 10) / 10;
        var yLow = Math.Floor(Math.Min(points.Min(p => p.Precision), curves.Min(c => c.DecidedPrecision)) * 10) / 10;
        double X(double recall) => Left + (Size * (recall - xLow) / (1 - xLow));
        double Y(double precision) => Top + (Size * (1 - ((precision - yLow) / (1 - yLow))));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{Left + Size + Legend}" height="{Top + Size + 60}" font-family="sans-serif" font-size="12">""").AppendLine();
        svg.Append(CultureInfo.InvariantCulture, $"""<rect width="{Left + Size + Legend}" height="{Top + Size + 60}" fill="white"/><text x="{Left}" y="22" font-size="15">{SecurityElement.Escape(title)}</text>""").AppendLine();
        svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{Left}" y="{Top}" width="{Size}" height="{Size}" fill="none" stroke="#999"/>""").AppendLine();
        for (var tick = 0; tick <= 10; tick++)
        {
            var (x, y) = (xLow + ((1 - xLow) * tick / 10), yLow + ((1 - yLow) * tick / 10));
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{X(x):F1}" y1="{Top}" x2="{X(x):F1}" y2="{Top + Size}" stroke="#eee"/><text x="{X(x):F1}" y="{Top + Size + 16}" text-anchor="middle">{x:0.00}</text>""").AppendLine();
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{Y(y):F1}" x2="{Left + Size}" y2="{Y(y):F1}" stroke="#eee"/><text x="{Left - 6}" y="{Y(y) + 4:F1}" text-anchor="end">{y:0.00}</text>""").AppendLine();
        }

        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left + (Size / 2)}" y="{Top + Size + 36}" text-anchor="middle">recall (true pairs found)</text><text x="16" y="{Top + (Size / 2)}" transform="rotate(-90 16 {Top + (Size / 2)})" text-anchor="middle">precision</text>""").AppendLine();
        for (var c = 0; c < curves.Count; c++)
        {
            var (curve, colour) = (curves[c], ChartColours.Of(c));
            svg.Append(CultureInfo.InvariantCulture, $"""<polyline fill="none" stroke="{colour}" stroke-width="1.5"{(c % 2 == 1 ? " stroke-dasharray=\"6 4\"" : "")} points="{string.Join(' ', curve.Points.Select(p => $"{X(p.Recall):F1},{Y(p.Precision):F1}"))}"/>""").AppendLine();
            foreach (var point in curve.Points.Where(p => labelled.Contains(p.Bits)))
            {
                svg.Append(CultureInfo.InvariantCulture, $"""<circle cx="{X(point.Recall):F1}" cy="{Y(point.Precision):F1}" r="2.5" fill="{colour}"/><text x="{X(point.Recall) - 4:F1}" y="{Y(point.Precision) + 14 + (c * 11):F1}" text-anchor="end" fill="{colour}" font-size="10">{point.Bits:+0;−0;0}</text>""").AppendLine();
            }

            svg.Append(CultureInfo.InvariantCulture, $"""<circle cx="{X(curve.DecidedRecall):F1}" cy="{Y(curve.DecidedPrecision):F1}" r="6" fill="none" stroke="{colour}" stroke-width="2"/>""").AppendLine();
            var legendY = Top + 14 + (c * 34);
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left + Size + 14}" y1="{legendY - 4}" x2="{Left + Size + 34}" y2="{legendY - 4}" stroke="{colour}" stroke-width="2"/><text x="{Left + Size + 40}" y="{legendY}">{SecurityElement.Escape(curve.Name)}</text>""").AppendLine();
            svg.Append(CultureInfo.InvariantCulture, $"""<circle cx="{Left + Size + 24}" cy="{legendY + 12}" r="5" fill="none" stroke="{colour}" stroke-width="2"/><text x="{Left + Size + 40}" y="{legendY + 16}">the sweep: recall {curve.DecidedRecall:0.000}, precision {curve.DecidedPrecision:0.000}</text>""").AppendLine();
        }

        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left + Size + 14}" y="{Top + 14 + (curves.Count * 34) + 10}">dots: weight ≥ t bits, t as labelled</text>""").AppendLine();
        svg.AppendLine("</svg>");
        return svg.ToString();
    }
}
