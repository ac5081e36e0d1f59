using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Runtime;
using Tracking.Silo.Hosting;

namespace Tracking.TestingHost;

/// <summary>
/// Silos of the real program as processes (<c>tracking --cluster CONNSTR silo</c>, as
/// <c>cluster-config/start-cluster.sh</c> starts them) on one PostgreSQL store, with settings given
/// as environment variables, and commands of the program run as clients of that cluster. A silo
/// can be killed with SIGKILL (turns in flight die with it) or added; its output goes to a log file.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(90);
    private readonly Dictionary<string, string> _environment;
    private readonly List<SiloProcess> _silos = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private TrackingClient? _client;

    private ProcessCluster(string connectionString, Dictionary<string, string> environment, string logDirectory)
    {
        ConnectionString = connectionString;
        _environment = environment;
        LogDirectory = logDirectory;
    }

    /// <summary>Nothing but what an operator would set: the membership timings are the shipped defaults, which tests of failover must meet as they are.</summary>
    public static IReadOnlyDictionary<string, string> Defaults { get; } = new Dictionary<string, string>();

    public string ConnectionString { get; }

    /// <summary>Where each silo's output is written (<c>silo-N.log</c>).</summary>
    public string LogDirectory { get; }

    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>
    /// Starts <paramref name="silos"/> silo processes with <paramref name="environment"/>, and waits
    /// until every one of them is an active member of the cluster.
    /// </summary>
    public static async Task<ProcessCluster> StartAsync(string connectionString, int silos, IReadOnlyDictionary<string, string>? environment = null)
    {
        var settings = new Dictionary<string, string>(Defaults);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            settings[name] = value;
        }

        var cluster = new ProcessCluster(connectionString, settings, Directory.CreateTempSubdirectory("tracking-cluster-").FullName);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, silos).Select(_ => cluster.AddSiloAsync()));
            await cluster.WaitForMembersAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more silo and waits until it is ready: an active member that reaches the store.</summary>
    public async Task<SiloProcess> AddSiloAsync()
    {
        var (port, siloPort, gatewayPort) = (TrackingProcess.FreePort(), TrackingProcess.FreePort(), TrackingProcess.FreePort());
        SiloProcess silo;
        lock (_silos)
        {
            var index = _silos.Count;
            var log = new StreamWriter(Path.Combine(LogDirectory, $"silo-{index}.log")) { AutoFlush = true };
            var process = TrackingProcess.Start(_environment, ["--cluster", ConnectionString, "silo", "--urls", $"http://127.0.0.1:{port}", "--silo-port", $"{siloPort}", "--gateway-port", $"{gatewayPort}"], log);
            silo = new SiloProcess(index, new Uri($"http://127.0.0.1:{port}/"), siloPort, process, log);
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

        return silo;
    }

    /// <summary>Kills a silo process outright (SIGKILL): no goodbye; the others find it dead.</summary>
    public async Task KillAsync(SiloProcess silo)
    {
        silo.Process.Kill(entireProcessTree: true);
        await silo.Process.WaitForExitAsync();
    }

    /// <summary>Runs a command of the program as a client of this cluster (<c>--cluster CONNSTR</c>).</summary>
    public Task<TrackingProcess.Result> RunAsync(params string[] args) =>
        TrackingProcess.RunAsync(_environment, ["--cluster", ConnectionString, .. args]);

    /// <summary>The live silo a grain is active on now, if it is active anywhere.</summary>
    public async Task<SiloProcess?> SiloOfAsync(Func<IGrainFactory, IAddressable> grain)
    {
        _client ??= await TrackingClient.ConnectAsync(ConnectionString, SiloConfiguration.Silo(), NullLoggerFactory.Instance, CancellationToken.None);
        var grains = _client.Context.Grains;
        return SiloAt(await grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grain(grains)));
    }

    /// <summary>The live silo process at <paramref name="address"/>, or null.</summary>
    public SiloProcess? SiloAt(SiloAddress? address) =>
        address is null ? null : _silos.SingleOrDefault(s => s.SiloPort == address.Endpoint.Port && !s.Process.HasExited);

    /// <summary>The live silo process at an address as <see cref="SiloAddress.ToParsableString"/> writes it, or null.</summary>
    public SiloProcess? SiloAt(string? address) => address is null ? null : SiloAt(SiloAddress.FromParsableString(address));

    /// <summary>Waits until every live silo process is an active member of the cluster, and none that is gone is still counted active.</summary>
    public async Task WaitForMembersAsync(TimeSpan? timeout = null)
    {
        var started = Stopwatch.StartNew();
        var seen = "";
        while (started.Elapsed < (timeout ?? TimeSpan.FromSeconds(60)))
        {
            var live = _silos.Where(s => !s.Process.HasExited).Select(s => s.SiloPort).ToHashSet();
            var active = new HashSet<int>();
            await using (var connection = await OpenAsync())
            await using (var command = new NpgsqlCommand("SELECT port FROM orleans_membership WHERE status = 3", connection))
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    active.Add(reader.GetInt32(0));
                }
            }

            if (active.SetEquals(live))
            {
                return;
            }

            seen = $"active ports {string.Join(", ", active.Order())}; live silo ports {string.Join(", ", live.Order())}";
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
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

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
