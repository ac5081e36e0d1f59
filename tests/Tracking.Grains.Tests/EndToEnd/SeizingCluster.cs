using Tracking.ExchangeApi.Simulator;
using Tracking.Silo.Hosting;
using Tracking.Silo.Scenarios;
using Tracking.TestingHost;

namespace Tracking.Grains.Tests.EndToEnd;

/// <summary>
/// Silo processes on a fresh PostgreSQL with the simulated exchanges, the sample roll and lists
/// imported, swept and seized through the command line; the legal periods are seconds long, and
/// the exchanges answer late and twice but fill at the market price, so that runs can end alike.
/// </summary>
internal sealed class SeizingCluster : IAsyncDisposable
{
    private readonly ExchangeSimProcess _simulator;
    private readonly HttpClient _http;
    private readonly TestStorage _storage;

    private SeizingCluster(ExchangeSimProcess simulator, HttpClient http, ExchangeSimClient exchanges, TestStorage storage, ProcessCluster cluster)
    {
        _simulator = simulator;
        _http = http;
        _storage = storage;
        Cluster = cluster;
        Exchanges = exchanges;
    }

    public ProcessCluster Cluster { get; }

    public ExchangeSimClient Exchanges { get; }

    /// <summary>Faults every simulated exchange starts with.</summary>
    public static FaultOptions Faults { get; } = new() { DuplicateCallbackRate = 0.2, MaxCallbackDelayMs = 50, MaxSlippage = 0 };

    public static async Task<SeizingCluster> StartAsync(int silos, IReadOnlyDictionary<string, string> environment)
    {
        var samples = RepositoryPaths.Samples;
        var simulator = await ExchangeSimProcess.StartAsync("--accounts", samples, "--prices", Path.Combine(samples, "prices.csv"));
        var http = new HttpClient();
        var exchanges = new ExchangeSimClient(http, simulator.Url);
        TestStorage? storage = null;
        ProcessCluster? cluster = null;
        try
        {
            foreach (var (exchange, _) in SampleTruth.ExchangeFiles)
            {
                await exchanges.SetFaultsAsync(exchange, Faults, CancellationToken.None);
            }

            storage = await TestStorage.CreateAsync(TestStorage.Postgres);
            cluster = await ProcessCluster.StartAsync(storage.ConnectionString, silos, new Dictionary<string, string>(environment)
            {
                [ExchangeSettings.Variable] = simulator.Url.ToString(),
                [simulator.CallbackSecretVariable.Key] = simulator.CallbackSecretVariable.Value,
                ["TRACKING_SEIZURES__REPLYDEADLINE"] = "00:00:02",
                ["TRACKING_SEIZURES__FIRSTRETRYDELAY"] = "00:00:00.500",
                ["TRACKING_SEIZURES__MAXRETRYDELAY"] = "00:00:02",
                ["TRACKING_SEIZURES__POLICY__SALEWARNINGPERIOD"] = "00:00:02",
                ["TRACKING_SEIZURES__POLICY__DISTRIBUTIONDELAY"] = "00:00:01",
            });
            foreach (var command in TrackingProcess.ImportCommands(samples, SampleTruth.ExchangeFiles)
                .Append(["sweep"])
                .Append(["seize", "--by", "officer:kim", "--wait", "0"]))
            {
                var result = await cluster.RunAsync(command);
                Assert.True(result.ExitCode == 0, $"{string.Join(' ', command)}: exit code {result.ExitCode}: {result.Error}");
            }

            return new SeizingCluster(simulator, http, exchanges, storage, cluster);
        }
        catch
        {
            await DisposeAsync(cluster, storage, http, simulator);
            throw;
        }
    }

    /// <summary>Every request the simulated exchanges were sent.</summary>
    public async Task<IReadOnlyList<SimRequestState>> RequestsAsync()
    {
        var requests = new List<SimRequestState>();
        foreach (var (exchange, _) in SampleTruth.ExchangeFiles)
        {
            requests.AddRange(await Exchanges.GetRequestsAsync(exchange, CancellationToken.None));
        }

        return requests;
    }

    public ValueTask DisposeAsync() => DisposeAsync(Cluster, _storage, _http, _simulator);

    /// <summary>Stops what was started, the cluster first, whatever fails on the way.</summary>
    private static async ValueTask DisposeAsync(ProcessCluster? cluster, TestStorage? storage, HttpClient http, ExchangeSimProcess simulator)
    {
        try
        {
            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }
        }
        finally
        {
            try
            {
                if (storage is not null)
                {
                    await storage.DisposeAsync();
                }
            }
            finally
            {
                http.Dispose();
                await simulator.DisposeAsync();
            }
        }
    }
}
