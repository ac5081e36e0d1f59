using Spectre.Console;

namespace Tracking.Cli.Output;

/// <summary>A progress bar on an interactive terminal; silence when output goes to a file or a pipe.</summary>
internal static class ProgressDisplay
{
    public static bool Interactive => !Console.IsOutputRedirected && !Console.IsErrorRedirected;

    /// <summary>A bar with its rate in <paramref name="unit"/> and the time left.</summary>
    public static Progress Bar(string unit) => AnsiConsole.Progress()
        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RateColumn(unit), new RemainingTimeColumn(), new SpinnerColumn());

    public static async Task<T> RunAsync<T>(string title, int total, string unit, Func<IProgress<int>, Task<T>> work)
    {
        if (!Interactive || total == 0)
        {
            return await work(new Progress<int>());
        }

        return await Bar(unit)
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: total);
                return await work(new SynchronousProgress(done => task.Value = done));
            });
    }

    /// <summary>Reports on the reporting thread, unlike <see cref="Progress{T}"/>, so the bar never runs behind.</summary>
    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
