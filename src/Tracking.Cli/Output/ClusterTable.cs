using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using Tracking.Cli.Commands;
using Tracking.Silo.Telemetry;

namespace Tracking.Cli.Output;

/// <summary><c>cluster top</c>'s table: a row per silo, counts now and rates since the previous look.</summary>
internal static class ClusterTable
{
    public static IRenderable Render(ClusterView view)
    {
        var table = new Table { Caption = new TableTitle($"{view.At.ToLocalTime():HH:mm:ss}  {ClusterCommands.Held(view)}") };
        table.AddColumn("silo").AddColumn("state");
        foreach (var figure in new[] { "partitions", "activations", "queued", "calls/s", "ms/call", "failed/s", "writes/s", "conflicts/s", "exchange/s", "retries/s", "rows/s", "steps/s" })
        {
            table.AddColumn(new TableColumn(figure).RightAligned());
        }

        foreach (var silo in view.Silos)
        {
            var (f, r) = (silo.Figures, silo.Rates);
            var state = silo.Alive ? silo.Status : $"[red]{silo.Status}, not alive[/]";
            table.AddRow(
                Markup.Escape(silo.Id),
                silo.Unreachable is { } why && silo.Alive ? $"{state} [red]({Markup.Escape(why)})[/]" : state,
                Count(silo.Partitions),
                Count(f?.Activations ?? silo.Activations),
                Count(f?.QueuedMessages),
                Rate(r?.CallsPerSecond),
                Rate(r?.MeanCallMilliseconds),
                Rate(r?.FailedCallsPerSecond),
                Rate(r?.WritesPerSecond),
                Rate(r?.ConflictsPerSecond),
                Rate(r?.ExchangeRequestsPerSecond),
                Rate(r?.ExchangeFailuresPerSecond),
                Rate(r?.RowsPerSecond),
                Rate(r?.TransitionsPerSecond));
        }

        return table;
    }

    private static string Count(int? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "-";

    private static string Rate(double? value) => value?.ToString(value < 10 ? "0.0" : "N0", CultureInfo.InvariantCulture) ?? "-";
}
