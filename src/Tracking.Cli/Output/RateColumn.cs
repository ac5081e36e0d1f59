using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Tracking.Cli.Output;

/// <summary>How fast a task goes, in its own unit ("rows/s"): what an operator compares between runs and machines.</summary>
internal sealed class RateColumn(string unit) : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        new Text(task.Speed is { } speed ? $"{speed.ToString("N0", CultureInfo.InvariantCulture)} {unit}" : $"– {unit}", new Style(Color.Grey));
}
