using System.Diagnostics;
using Npgsql;
using Tracking.Runtime;
using Tracking.Runtime.Placement;

namespace Tracking.TestingHost;

/// <summary>
/// Silos of the real program as processes (<c>tracking --cluster CONNSTR silo</c>, as
/// <c>cluster-config/start-cluster.sh</c> starts them) on one PostgreSQL store, with settings given
/// as environment variables, and commands of the program run as clients of that cluster. A silo
/// can be killed with SIGKILL (turns in flight die with it) or added; its output goes to a log file.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    /// <summary>Partitions of a process cluster: enough to spread over four silos, few enough to move quickly.</summary>
    public const int PartitionCount = 32;

    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(90);
    private readonly Dictionary<string, string> _environment;
    private readonly List<SiloProcess> _silos = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private ProcessCluster(string connectionString, Dictionary<string, string> environment, string logDirectory)
    {
        ConnectionString = connectionString;
        _environment = environment;
        LogDirectory = logDirectory;
    }

    /// <summary>Membership fast enough for tests (heartbeat 250 ms, a silo gone after 3 s, leases of 3 s), and <see cref="PartitionCount"/> partitions.</summary>
    public static IReadOnlyDictionary<string, string> FastMembership { get; } = new Dictionary<string, string>
    {
        ["TRACKING_SILO__PARTITIONCOUNT"] = PartitionCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["TRACKING_SILO__CLUSTER__HEARTBEATINTERVAL"] = "00:00:00.250",
        ["TRACKING_SILO__CLUSTER__SILOTIMEOUT"] = "00:00:03",
        ["TRACKING_SILO__CLUSTER__LEASEDURATION"] = "00:00:03",
        ["TRACKING_SILO__CLUSTER__LEASESAFETYMARGIN"] = "00:00:01",
    };

    public string ConnectionString { get; }

    /// <summary>Where each silo's output is written (<c>silo-N.log</c>).</summary>
    public string LogDirectory { get; }

    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>
    /// Starts <paramref name="silos"/> silo processes with <see cref="FastMembership"/> and
    /// <paramref name="environment"/>, and waits until every partition is held as rendezvous hashing assigns it.
    /// </summary>
    public static async Task<ProcessCluster> StartAsync(string connectionString, int silos, IReadOnlyDictionary<string, string>? environment = null)
    {
        var settings = new Dictionary<string, string>(FastMembership);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            settings[name] = value;
        }

        var cluster = new ProcessCluster(connectionString, settings, Directory.CreateTempSubdirectory("tracking-cluster-").FullName);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, silos).Select(_ => cluster.AddSiloAsync(waitForBalance: false)));
            await cluster.WaitForBalanceAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more silo and waits until it is ready (and, by default, until partitions are rebalanced).</summary>
    public async Task<SiloProcess> AddSiloAsync(bool waitForBalance = true)
    {
        var (port, siloPort) = (TrackingProcess.FreePort(), TrackingProcess.FreePort());
        SiloProcess silo;
        lock (_silos)
        {
            var index = _silos.Count;
            var log = new StreamWriter(Path.Combine(LogDirectory, $"silo-{index}.log")) { AutoFlush = true };
            var process = TrackingProcess.Start(_environment, ["--cluster", ConnectionString, "silo", "--urls", $"http://127.0.0.1:{port}", "--silo-endpoint", $"127.0.0.1:{siloPort}"], log);
            silo = new SiloProcess(index, new Uri($"http://127.0.0.1:{port}/"), new Uri($"http://127.0.0.1:{siloPort}/"), process, log);
            _silos.Add(silo);
        }

        var started = Stopwatch.StartNew();
        while (!await IsReadyAsync(silo))
        {
            if (silo.Process.HasExited || started.Elapsed > s_startTimeout)
            {
                throw new InvalidOperationException($"Silo {silo.Index} did not become ready (exited: {silo.Process.HasExited}); its log: {LogTail(silo)}");
            }

            await Task.Delay(100);
        }

        if (waitForBalance)
        {
            await WaitForBalanceAsync();
        }

        return silo;
    }

    /// <summary>Kills a silo process outright (SIGKILL): no hand-over, no leave; its leases lapse.</summary>
    public async Task KillAsync(SiloProcess silo)
    {
        silo.Process.Kill(entireProcessTree: true);
        await silo.Process.WaitForExitAsync();
    }

    /// <summary>Runs a command of the program as a client of this cluster (<c>--cluster CONNSTR</c>).</summary>
    public Task<TrackingProcess.Result> RunAsync(params string[] args) =>
        TrackingProcess.RunAsync(_environment, ["--cluster", ConnectionString, .. args]);

    /// <summary>The live silo that holds the grain's partition now, if one does.</summary>
    public async Task<SiloProcess?> OwnerOfAsync(GrainId grain)
    {
        var partition = new GrainPartitioner(PartitionCount).PartitionOf(grain);
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT s.address FROM partition_leases l JOIN silos s ON s.silo_id = l.owner WHERE l.partition = $1 AND l.expires_at > now()", connection)
        {
            Parameters = { new() { Value = partition } },
        };
        return await command.ExecuteScalarAsync() is string address
            ? _silos.SingleOrDefault(s => s.SiloEndpoint == new Uri(address) && !s.Process.HasExited)
            : null;
    }

    /// <summary>Waits until the live silos hold every partition, each as rendezvous hashing over them assigns it.</summary>
    public async Task WaitForBalanceAsync(TimeSpan? timeout = null)
    {
        var started = Stopwatch.StartNew();
        var seen = "";
        while (started.Elapsed < (timeout ?? TimeSpan.FromSeconds(60)))
        {
            var live = _silos.Where(s => !s.Process.HasExited).Select(s => s.SiloEndpoint).ToHashSet();
            await using (var connection = await OpenAsync())
            {
                var ids = new Dictionary<string, Uri>();
                await using (var silos = new NpgsqlCommand("SELECT silo_id, address FROM silos WHERE status = 'active'", connection))
                await using (var reader = await silos.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                        if (live.Contains(new Uri(reader.GetString(1))))
                        {
                            ids[reader.GetString(0)] = new Uri(reader.GetString(1));
                        }
                    }
                }

                var held = new List<(int Partition, string? Owner)>();
                await using (var leases = new NpgsqlCommand("SELECT partition, CASE WHEN expires_at > now() THEN owner END FROM partition_leases", connection))
                await using (var reader = await leases.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                        held.Add((reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
                    }
                }

                if (ids.Count == live.Count && held.Count == PartitionCount && held.All(h => h.Owner is not null && Rendezvous.Owner(h.Partition, ids.Keys.ToArray()) == h.Owner))
                {
                    return;
                }

                seen = $"{ids.Count} of {live.Count} live silos active, {held.Count(h => h.Owner is not null)} of {PartitionCount} partitions held";
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The cluster did not settle: {seen}. Logs in {LogDirectory}.");
    }

    /// <summary>The last lines of a silo's log, for failure messages.</summary>
    public string LogTail(SiloProcess silo, int lines = 30)
    {
        lock (silo.Log)
        {
            silo.Log.Flush();
        }

        using var reader = new StreamReader(new FileStream(Path.Combine(LogDirectory, $"silo-{silo.Index}.log"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        return string.Join(Environment.NewLine, reader.ReadToEnd().Split('\n').TakeLast(lines));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            if (!silo.Process.HasExited)
            {
                silo.Process.Kill(entireProcessTree: true);
                await silo.Process.WaitForExitAsync();
            }

            silo.Process.Dispose();
            lock (silo.Log)
            {
                silo.Log.Dispose();
            }
        }

        _http.Dispose();
        Directory.Delete(LogDirectory, recursive: true);
    }

    private async Task<bool> IsReadyAsync(SiloProcess silo)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri(silo.Url, "health/ready"));
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
