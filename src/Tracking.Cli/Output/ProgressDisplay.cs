using Spectre.Console;

namespace Tracking.Cli.Output;

/// <summary>A progress bar on an interactive terminal; silence when output goes to a file or a pipe.</summary>
internal static class ProgressDisplay
{
    public static bool Interactive => !Console.IsOutputRedirected && !Console.IsErrorRedirected;

    public static async Task<T> RunAsync<T>(string title, int total, Func<IProgress<int>, Task<T>> work)
    {
        if (!Interactive || total == 0)
        {
            return await work(new Progress<int>());
        }

        return await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
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
