using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Tracking.Domain.Seizures;
using Tracking.Grains.Exchanges;
using Tracking.Grains.Seizures;
using Tracking.Silo.Access;
using Tracking.Silo.Hosting;
using Tracking.TestingHost;
using Tracking.Silo.Scenarios;

namespace Tracking.Silo.Tests;

/// <summary>
/// A silo host on real Kestrel over a store of its own, with the demonstration users, the
/// sample files uploaded and swept once; clients sign in over HTTP as each role. No exchange
/// answers: seizures wait at their notice (see <see cref="ConsoleWithExchanges"/> for more).
/// </summary>
public class ConsoleHost : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "tracking-console-" + Guid.NewGuid().ToString("N"));
    private readonly bool _exchanges;
    private readonly OtlpReceiver? _collector;
    private ExchangeSimProcess? _simulator;
    private WebApplication? _app;

    /// <summary>Legal periods of seconds, so that cases reach sale proposal and close while tests run.</summary>
    private static SeizureOptions SecondsLongPeriods { get; } = new()
    {
        Policy = new SeizurePolicy { SaleWarningPeriod = TimeSpan.FromSeconds(3), DistributionDelay = TimeSpan.FromSeconds(1) },
        FirstRetryDelay = TimeSpan.FromSeconds(1),
    };

    public ConsoleHost()
        : this(exchanges: false)
    {
    }

    /// <param name="exchanges">Whether the exchange simulator answers, with legal periods of seconds, and the automatic matches are seized.</param>
    /// <param name="collector">Where the host sends its traces and metrics, if anywhere.</param>
    protected ConsoleHost(bool exchanges, OtlpReceiver? collector = null)
    {
        _exchanges = exchanges;
        _collector = collector;
    }

    /// <summary>The office the host's documents name as their issuer.</summary>
    public const string Office = "경기도 세정과";

    public Uri Address { get; private set; } = null!;

    /// <summary>The embedded store's database file, for tests that compare everything stored.</summary>
    public string StorePath => Path.Combine(_data, Tracking.Storage.Sqlite.SqliteStore.FileName);

    public ImportRecordJson? RollUpload { get; private set; }

    /// <summary>The office secret exchanges' callbacks are signed with here (the simulator's, when it runs).</summary>
    public byte[] CallbackSecret { get; private set; } = [];

    public async Task InitializeAsync()
    {
        if (_collector is not null)
        {
            await _collector.StartAsync();
        }

        if (_exchanges)
        {
            _simulator = await ExchangeSimProcess.StartAsync("--accounts", RepositoryPaths.Samples, "--prices", Path.Combine(RepositoryPaths.Samples, "prices.csv"));
        }

        CallbackSecret = _simulator?.CallbackSecret ?? System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        _app = SiloWebHost.Build(new SiloHostSettings(new StorageSettings(_data, null), "http://127.0.0.1:0")
        {
            Exchanges = new ExchangeOptions { ApiRoot = _simulator?.Url ?? new Uri("http://127.0.0.1:9/"), CallbackSecret = CallbackSecret },
            TelemetryCollector = _collector?.Address,
            Seizures = _exchanges ? SecondsLongPeriods : new SeizureOptions(),
            Documents = new Grains.Documents.DocumentOptions { Issuer = Office },
            // The exported logs are scanned for personal data: the host exporting them logs all a production silo does.
            MinimumLogLevel = _collector is null ? Microsoft.Extensions.Logging.LogLevel.Warning : Microsoft.Extensions.Logging.LogLevel.Information,
            Console = new ConsoleOptions
            {
                Users = ConsoleOptions.DemoUsers(),
                ProfilesDirectory = RepositoryPaths.ExchangeProfiles,
                RrnKey = () => "console-test-key"u8.ToArray(),

                // Tests read a list's total right after changing it; sharing a total is the view store's test.
                ListTotalMaxAge = TimeSpan.Zero,
            },
        });
        await _app.StartAsync();
        Address = new Uri(SiloWebHost.Addresses(_app).First());

        using var officer = await SignInAsync("kim");
        RollUpload = await UploadAsync(officer, "/api/imports/roll", ("taxpayers", "taxpayers.csv"), ("items", "tax_items.csv"));
        foreach (var (exchange, file) in new[] { ("upbit", "upbit.csv"), ("bithumb", "bithumb.csv"), ("coinone", "coinone.csv"), ("korbit", "korbit.tsv"), ("gopax", "gopax.csv") })
        {
            await UploadAsync(officer, $"/api/imports/accounts/{exchange}", ("file", file));
        }

        Assert.Equal(HttpStatusCode.Accepted, (await officer.PostAsync("/api/sweeps", null)).StatusCode);
        await WaitForSweepAsync(officer);
        if (_exchanges)
        {
            await OpenAutoMatchesAsync(officer);
        }
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        if (_collector is not null)
        {
            await _collector.DisposeAsync();
        }

        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }

        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }

    }

    /// <summary>Stops the host (which sends what telemetry it still holds); again, it does nothing.</summary>
    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    /// <summary>The exchange simulator's address, when it runs.</summary>
    public Uri? Simulator => _simulator?.Url;

    /// <summary>The silo's services (its grains), for what a test needs beyond the API.</summary>
    public IServiceProvider Services => _app!.Services;

    /// <summary>
    /// A client with no session. One that asks before it sends a body (<c>Expect: 100-continue</c>)
    /// waits for the answer as long as a loaded machine takes: after the runtime's default of a
    /// second it sends the body anyway, and a refusal of a body too large then arrives as a
    /// connection closed mid-upload.
    /// </summary>
    public HttpClient Anonymous() =>
        new(new SocketsHttpHandler { CookieContainer = new CookieContainer(), Expect100ContinueTimeout = TimeSpan.FromMinutes(1) }) { BaseAddress = Address };

    /// <summary>A client signed in as a demonstration user (password = name).</summary>
    public async Task<HttpClient> SignInAsync(string name)
    {
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/session", new { name, password = name });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return client;
    }

    /// <summary>
    /// The id of a case awaiting sale approval whose taxpayer has no other case, once there is one
    /// (within a minute): only an approval moves it on, where a sibling's collection covering the
    /// debt would release the other cases before anyone approves them.
    /// </summary>
    public async Task<string> WaitForLoneSaleAwaitingApprovalAsync()
    {
        using var officer = await SignInAsync("kim");
        for (var i = 0; i < 600; i++)
        {
            var cases = (await JsonAsync(await officer.GetAsync("/api/cases?limit=1000"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToArray();
            var lone = cases.GroupBy(c => c.GetProperty("taxpayerId").GetString()).Where(g => g.Count() == 1).Select(g => g.Single())
                .Where(c => c.GetProperty("status").GetString() == "AwaitingSaleApproval").Select(c => c.GetProperty("id").GetString()).FirstOrDefault();
            if (lone is not null)
            {
                return lone;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("no case of a taxpayer with no other awaits sale approval within a minute");
    }

    public static async Task<ImportRecordJson> UploadAsync(HttpClient client, string path, params (string Field, string File)[] files)
    {
        var response = await client.PostAsync(path, Form(files));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ImportRecordJson>())!;
    }

    public static MultipartFormDataContent Form(params (string Field, string File)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (field, file) in files)
        {
            form.Add(new ByteArrayContent(File.ReadAllBytes(Path.Combine(RepositoryPaths.Samples, file))), field, file);
        }

        return form;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {expected}, got {response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Starts opening the automatic matches' cases and waits for the job to end; its last status.</summary>
    public static async Task<JsonElement> OpenAutoMatchesAsync(HttpClient officer)
    {
        var started = await JsonAsync(await officer.PostAsync("/api/cases", null), HttpStatusCode.Accepted);
        Assert.Equal(started.GetProperty("startedAt").GetString(), (await JsonAsync(await officer.GetAsync("/api/cases/opening"), HttpStatusCode.OK)).GetProperty("startedAt").GetString());
        for (var i = 0; i < 600; i++)
        {
            var status = await JsonAsync(await officer.GetAsync("/api/cases/opening"), HttpStatusCode.OK);
            if (!status.GetProperty("running").GetBoolean())
            {
                Assert.Equal(JsonValueKind.Null, status.GetProperty("failure").ValueKind);
                return status;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the automatic matches' cases were not opened within a minute");
    }

    private static async Task WaitForSweepAsync(HttpClient client)
    {
        for (var i = 0; i < 600; i++)
        {
            var status = await JsonAsync(await client.GetAsync("/api/sweeps/current"), HttpStatusCode.OK);
            if (!status.GetProperty("running").GetBoolean() && status.GetProperty("lastRun").ValueKind == JsonValueKind.Object)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the sweep did not finish");
    }
}

/// <summary>The console with the exchange simulator answering: cases move through their lifecycle in seconds.</summary>
public sealed class ConsoleWithExchanges() : ConsoleHost(exchanges: true);

/// <summary>The console with exchanges, sending its traces and metrics to <see cref="Collector"/>.</summary>
public sealed class ConsoleWithTelemetry : ConsoleHost
{
    public ConsoleWithTelemetry()
        : this(new OtlpReceiver())
    {
    }

    private ConsoleWithTelemetry(OtlpReceiver collector)
        : base(exchanges: true, collector) => Collector = collector;

    public OtlpReceiver Collector { get; }
}

public sealed record ImportRecordJson(string Id, string By, IReadOnlyList<string> Files, ImportSummaryJson Summary);

public sealed record ImportSummaryJson(int Rows, int Records, int New, int Changed, int Unchanged, IReadOnlyList<RowProblemJson> Problems);

public sealed record RowProblemJson(string File, int Line, string Reason, bool Rejected);
