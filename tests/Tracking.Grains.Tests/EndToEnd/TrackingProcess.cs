using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Tracking.Grains.Tests.EndToEnd;

/// <summary>Runs the real <c>tracking</c> program (built next to the tests) as a child process.</summary>
internal static class TrackingProcess
{
    private static string Program => Path.Combine(AppContext.BaseDirectory, "tracking.dll");

    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(params string[] args)
    {
        using var process = Process.Start(Info(args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>Starts a long-running command (a silo); the caller kills or stops it.</summary>
    public static Process Start(params string[] args)
    {
        var process = Process.Start(Info(args))!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static ProcessStartInfo Info(string[] args)
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

        return info;
    }
}
