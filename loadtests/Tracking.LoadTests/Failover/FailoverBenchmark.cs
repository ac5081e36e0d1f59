using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Tracking.Grains.Sweeps;
using Tracking.Grains.Taxpayers;
using Tracking.Silo.Hosting;
using Tracking.TestingHost;

namespace Tracking.LoadTests.Failover;

/// <summary>
/// Silo processes started as an operator starts them (<c>cluster-config/start-cluster.sh</c>) on
/// one PostgreSQL; generated files imported and swept through <c>tracking --cluster</c>; once the
/// sweep is recording its candidates, the silo holding the sweep is SIGKILLed. Measured: the time
/// from the kill to the first answer (and to the last) of taxpayer grains that were active on that
/// silo, asked from a client process. Checked: the sweep ends, and its matches equal those of the
/// same files imported and swept on the embedded store, undisturbed.
/// </summary>
internal static class FailoverBenchmark
{
    private const int SiloPortBase = 11111;
    private const int MostProbedGrains = 20;

    public static async Task<FailoverFigures> RunAsync(string connectionString, string files, int silos, int taxpayers, int accountRows)
    {
        var environment = new Dictionary<string, string> { [RrnKeyStore.Variable] = Convert.ToBase64String("loadtest-rrn-key-not-a-secret-01"u8) };
        var work = Directory.CreateTempSubdirectory("tracking-failover-");
        try
        {
            var embedded = Path.Combine(work.FullName, "embedded");
            foreach (var command in TrackingProcess.ImportCommands(files))
            {
                await CliAsync(environment, ["--data", embedded, .. command]);
            }

            await CliAsync(environment, "--data", embedded, "sweep", "--json");
            var expected = await CliAsync(environment, "--data", embedded, "matches", "--json");
            Console.Error.WriteLine("Undisturbed run on the embedded store done; starting the cluster ...");

            var clusterDir = Path.Combine(work.FullName, "cluster");
            await ScriptAsync(environment, "start-cluster.sh", silos.ToString(System.Globalization.CultureInfo.InvariantCulture), connectionString, clusterDir);
            try
            {
                return await DisturbedRunAsync(environment, connectionString, files, clusterDir, silos, taxpayers, accountRows, expected);
            }
            finally
            {
                await ScriptAsync(environment, "stop-cluster.sh", clusterDir);
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<FailoverFigures> DisturbedRunAsync(
        Dictionary<string, string> environment, string connectionString, string files, string clusterDir, int silos, int taxpayers, int accountRows, string expected)
    {
        foreach (var command in TrackingProcess.ImportCommands(files))
        {
            await CliAsync(environment, ["--cluster", connectionString, .. command]);
        }

        using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning).AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        await using var client = await TrackingClient.ConnectAsync(connectionString, SiloConfiguration.Silo(), loggers, CancellationToken.None);
        var grains = client.Context.Grains;
        var sweepGrain = grains.GetGrain<ISweepGrain>(ISweepGrain.Main);
        var sweepWatch = Stopwatch.StartNew();
        var sweep = TrackingProcess.RunAsync(environment, "--cluster", connectionString, "sweep", "--json");

        // Once every shard has answered, the sweep records candidates on taxpayer grains: the victim's are active then.
        SweepStatus status;
        do
        {
            await Task.Delay(20);
            status = await sweepGrain.GetStatusAsync();
            if (sweep.IsCompleted)
            {
                throw new InvalidOperationException($"the sweep ended before it could be disturbed: {(await sweep).Error}");
            }
        }
        while (!(status.Running && status.ShardsDone == status.ShardsTotal));

        var management = grains.GetGrain<IManagementGrain>(0);
        var victim = await management.GetActivationAddress(sweepGrain) ?? throw new InvalidOperationException("the sweep grain is not active anywhere");
        var probed = (await management.GetDetailedGrainStatistics(hostsIds: [victim]))
            .Where(s => s.GrainId.Type.ToString() == TaxpayerGrain.TypeName)
            .Select(s => s.GrainId)
            .Take(MostProbedGrains)
            .ToArray();
        var pid = int.Parse(await File.ReadAllTextAsync(Path.Combine(clusterDir, $"silo-{victim.Endpoint.Port - SiloPortBase}.pid")), System.Globalization.CultureInfo.InvariantCulture);

        using (var process = Process.GetProcessById(pid))
        {
            process.Kill();
        }

        var sinceKill = Stopwatch.StartNew();
        var answeredAt = await Task.WhenAll(probed.Select(async grain =>
        {
            // Asked until a silo answers for it: the client's silo-loss retry and Orleans' placement do the rest.
            while (true)
            {
                try
                {
                    await grains.GetGrain<ITaxpayerGrain>(grain).GetAsync();
                    return sinceKill.Elapsed.TotalMilliseconds;
                }
                catch (Exception ex) when (ex is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException)
                {
                    await Task.Delay(20);
                }
            }
        }));
        Console.Error.WriteLine($"Killed silo {victim} (pid {pid}); {probed.Length} of its taxpayer grains answered again after {answeredAt.DefaultIfEmpty(double.NaN).Min():N0}–{answeredAt.DefaultIfEmpty(double.NaN).Max():N0} ms");

        var summary = await sweep;
        if (summary.ExitCode != 0)
        {
            throw new InvalidOperationException($"the disturbed sweep failed (exit code {summary.ExitCode}): {summary.Error}");
        }

        var sweepSeconds = sweepWatch.Elapsed.TotalSeconds;
        var found = await CliAsync(environment, "--cluster", connectionString, "matches", "--json");
        var candidates = (await sweepGrain.GetCandidatesAsync(null)).Count;
        return new FailoverFigures(
            silos, taxpayers, accountRows, probed.Length,
            answeredAt.DefaultIfEmpty(double.NaN).Min(), answeredAt.DefaultIfEmpty(double.NaN).Max(),
            sweepSeconds, candidates, found == expected);
    }

    private static async Task<string> CliAsync(Dictionary<string, string> environment, params string[] args)
    {
        var result = await TrackingProcess.RunAsync(environment, args);
        return result.ExitCode == 0
            ? result.Output
            : throw new InvalidOperationException($"tracking {string.Join(' ', args.Take(4))} … failed (exit code {result.ExitCode}): {result.Error}");
    }

    /// <summary>One of the operator's scripts in <c>cluster-config/</c>, as an operator runs it.</summary>
    private static async Task ScriptAsync(Dictionary<string, string> environment, string script, params string[] args)
    {
        var info = new ProcessStartInfo("bash") { UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "cluster-config", script));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed with exit code {process.ExitCode}");
        }
    }
}
