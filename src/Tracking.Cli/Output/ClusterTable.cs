using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using Tracking.Grains.Operations;
using Tracking.Domain;

namespace Tracking.Cli.Output;

/// <summary><c>cluster top</c>'s table: a row per silo, counts now and rates since the previous look.</summary>
internal static class ClusterTable
{
    /// <summary>Below this width a terminal gets the essential columns only, so that a row stays on one line.</summary>
    private const int FullWidth = 150;

    private static readonly Column[] s_columns =
    [
        new("silo", Essential: true, s => Markup.Escape(s.Address), Right: false),
        new("state", Essential: true, State, Right: false),
        new("activations", Essential: true, s => Count(s.Activations)),
        new("running", Essential: true, s => Count(s.Figures?.Running)),
        new("calls/s", Essential: true, s => Rate(s.Rates?.CallsPerSecond)),
        new("ms/call", Essential: true, s => Rate(s.Rates?.MeanCallMilliseconds)),
        new("failed/s", Essential: false, s => Rate(s.Rates?.FailedCallsPerSecond)),
        new("writes/s", Essential: true, s => Rate(s.Rates?.WritesPerSecond)),
        new("conflicts/s", Essential: false, s => Rate(s.Rates?.ConflictsPerSecond)),
        new("exchange/s", Essential: false, s => Rate(s.Rates?.ExchangeRequestsPerSecond)),
        new("retries/s", Essential: false, s => Rate(s.Rates?.ExchangeFailuresPerSecond)),
        new("rows/s", Essential: false, s => Rate(s.Rates?.RowsPerSecond)),
        new("steps/s", Essential: true, s => Rate(s.Rates?.TransitionsPerSecond)),
    ];

    public static IRenderable Render(ClusterView view, int width)
    {
        var columns = width >= FullWidth ? s_columns : s_columns.Where(c => c.Essential).ToArray();
        var table = new Table { Border = TableBorder.Simple, Caption = new TableTitle($"{KoreaTime.Of(view.At):HH:mm:ss} KST  {view.Silos.Count(s => s.Alive)} of {view.Silos.Count} silos active") };
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(column.Title) { Alignment = column.Right ? Justify.Right : Justify.Left, NoWrap = true, Padding = new Padding(0, 0, 1, 0) });
        }

        foreach (var silo in view.Silos)
        {
            table.AddRow(columns.Select(c => c.Value(silo)).ToArray());
        }

        return table;
    }

    private static string State(SiloView silo)
    {
        var state = silo.Alive ? silo.Status : $"[red]{silo.Status}, not alive[/]";
        return silo.Unreachable is { } why && silo.Alive ? $"{state} [red]({Markup.Escape(why)})[/]" : state;
    }

    private static string Count(int? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "-";

    private static string Rate(double? value) => value?.ToString(value < 10 ? "0.0" : "N0", CultureInfo.InvariantCulture) ?? "-";

    private sealed record Column(string Title, bool Essential, Func<SiloView, string> Value, bool Right = true);
}
