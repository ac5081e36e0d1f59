using System.Diagnostics;
using Tracking.Silo.Hosting;

namespace Tracking.Silo.Scenarios;

/// <summary>
/// The exchange simulator as its own process (built next to the program that starts it), on a
/// free loopback port: for the demo, tests and benchmarks. Tests share one and keep apart by
/// using exchange names of their own.
/// </summary>
public sealed class ExchangeSimProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ExchangeSimProcess(Process process, Uri url, byte[] callbackSecret)
    {
        _process = process;
        Url = url;
        CallbackSecret = callbackSecret;
    }

    public Uri Url { get; }

    /// <summary>
    /// The office secret the simulator derives each exchange's callback key from: the environment's
    /// (<see cref="CallbackSecretStore.Variable"/>) when set, else one made for this simulator.
    /// </summary>
    public byte[] CallbackSecret { get; }

    /// <summary>The environment a silo process needs to take this simulator's callbacks.</summary>
    public KeyValuePair<string, string> CallbackSecretVariable => new(CallbackSecretStore.Variable, Convert.ToBase64String(CallbackSecret));

    public static async Task<ExchangeSimProcess> StartAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Tracking.ExchangeSim.dll"));
        var secret = CallbackSecretStore.FromEnvironment() ?? System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        info.Environment[CallbackSecretStore.Variable] = Convert.ToBase64String(secret);
        foreach (var arg in new[] { "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default", "Warning" }.Concat(args))
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the exchange simulator");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith("listening on ", StringComparison.Ordinal))
            {
                listening.TrySetResult(new Uri(line["listening on ".Length..].TrimEnd('/') + "/"));
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(60))) != listening.Task)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"the exchange simulator did not start (exited: {process.HasExited})");
        }

        return new ExchangeSimProcess(process, await listening.Task, secret);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
