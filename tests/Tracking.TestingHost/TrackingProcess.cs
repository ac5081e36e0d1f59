using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Tracking.TestingHost;

/// <summary>Runs the real <c>tracking</c> program (built next to the tests) as a child process.</summary>
public static class TrackingProcess
{
    /// <summary>The program's language setting: <c>en</c> for English, Korean otherwise.</summary>
    public const string LanguageVariable = "TRACKING_LANGUAGE";

    /// <summary>Ports handed out for listeners: 20000–31999, below the kernel's ephemeral range.</summary>
    private const int FirstPort = 20_000;
    private const int PortsToWalk = 12_000;
    private static int s_lastPort = Random.Shared.Next(PortsToWalk);

    private static string Program => Path.Combine(AppContext.BaseDirectory, "tracking.dll");

    public sealed record Result(int ExitCode, string Output, string Error);

    public static Task<Result> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    /// <summary>Runs a command to its end with <paramref name="environment"/> added to this process's environment.</summary>
    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Process.Start(Info(environment, args))!;
        try
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
            return new Result(process.ExitCode, await output, await error);
        }
        finally
        {
            // A command that outlives its test (it timed out, or the test failed around it) must not outlive the run.
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>The commands that import a roll (<c>taxpayers.csv</c>, <c>tax_items.csv</c>) and then each exchange's list (by default <see cref="PopulationGenerator"/>'s), all in <paramref name="files"/>.</summary>
    public static IEnumerable<string[]> ImportCommands(string files, IEnumerable<(string Exchange, string File)>? exchanges = null) =>
        (exchanges ?? PopulationGenerator.Exchanges).Select(e => new[] { "import", "accounts", e.Exchange, Path.Combine(files, e.File) })
            .Prepend(["import", "roll", Path.Combine(files, "taxpayers.csv"), Path.Combine(files, "tax_items.csv")]);

    /// <summary>Starts a long-running command (a silo); the caller kills or stops it.</summary>
    public static Process Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    /// <summary>
    /// Starts a long-running command whose output and errors go to <paramref name="log"/> when given
    /// (else nowhere), its errors (where logs go) to <paramref name="errors"/> instead when that is given.
    /// </summary>
    public static Process Start(IReadOnlyDictionary<string, string> environment, string[] args, TextWriter? log = null, TextWriter? errors = null)
    {
        var process = Process.Start(Info(environment, args))!;
        if (log is not null)
        {
            process.OutputDataReceived += (_, e) => Write(log, e.Data);
        }

        if ((errors ?? log) is { } errorLog)
        {
            process.ErrorDataReceived += (_, e) => Write(errorLog, e.Data);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// A port free now, for a process to listen on. Below the kernel's ephemeral range (32768 and up
    /// on Linux), where a port the kernel picked could be handed to another process's outgoing
    /// connection between this check and the listener's bind (a silo once failed to start so), and
    /// each handed out once per test process; the start is random so that test processes running
    /// side by side walk different parts of the range.
    /// </summary>
    public static int FreePort()
    {
        while (true)
        {
            var port = FirstPort + (int)((uint)Interlocked.Increment(ref s_lastPort) % PortsToWalk);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken by someone else: the next one.
            }
        }
    }

    private static void Write(TextWriter log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }

    private static ProcessStartInfo Info(IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Program);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // The program speaks Korean unless told English; tests read its English, and one its Korean.
        info.Environment[LanguageVariable] = "en";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return info;
    }
}
