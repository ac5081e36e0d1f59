using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Domain.Ledger;
using Tracking.Grains;
using Tracking.ExchangeApi.Simulator;
using Tracking.Grains.Exchanges;
using Tracking.Grains.Seizures;
using Tracking.Grains.Taxpayers;
using Microsoft.Extensions.Time.Testing;
using Tracking.Silo.Hosting;
using Tracking.Silo.Scenarios;
using Tracking.Silo.Telemetry;
using Tracking.TestingHost;

namespace Tracking.Grains.Tests.Seizures;

/// <summary>
/// A silo host (Kestrel, exchange callbacks) on a simulated clock against the simulator process,
/// at exchanges of this test's own; it can be restarted on the same store at any point.
/// </summary>
internal sealed class LifecycleHarness : IAsyncDisposable
{
    public const string Supervisor = "supervisor:lee";
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(9));
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly TestStorage _storage;
    private readonly SeizureOptions _seizures;
    private readonly Action<IServiceCollection>? _services;
    private readonly byte[] _callbackSecret;
    private WebApplication _app = null!;
    private string _urls = "http://127.0.0.1:0";

    private LifecycleHarness(TestStorage storage, ExchangeSimProcess simulator, SeizureOptions seizures, Action<IServiceCollection>? services)
    {
        _storage = storage;
        _seizures = seizures;
        _services = services;
        _callbackSecret = simulator.CallbackSecret;
        Simulator = new ExchangeSimClient(s_http, simulator.Url);
        Exchange = "x" + Guid.NewGuid().ToString("N")[..10];
    }

    public FakeTimeProvider Clock { get; } = new(Start);

    public ExchangeSimClient Simulator { get; }

    /// <summary>This test's exchange; <see cref="OtherExchange"/> is a second one.</summary>
    public string Exchange { get; }

    public string OtherExchange => Exchange + "b";

    /// <summary>The grains, the store and the clock, as the silo's own endpoints work with them.</summary>
    public TrackingContext Context { get; private set; } = null!;

    public IGrainFactory Grains => Context.Grains;

    public LifecycleDriver Driver { get; private set; } = null!;

    /// <param name="services">More services for the silo: a grain call filter standing in for a failure.</param>
    public static async Task<LifecycleHarness> StartAsync(ExchangeSimProcess simulator, string storageKind = TestStorage.Sqlite, SeizureOptions? seizures = null, Action<IServiceCollection>? services = null)
    {
        var harness = new LifecycleHarness(await TestStorage.CreateAsync(storageKind), simulator, seizures ?? new SeizureOptions(), services);
        await harness.StartHostAsync();
        return harness;
    }

    public Task SetFaultsAsync(FaultOptions faults, string? exchange = null) => Simulator.SetFaultsAsync(exchange ?? Exchange, faults, CancellationToken.None);

    public Task SetPricesAsync(params (string Asset, decimal Price)[] prices) =>
        Simulator.SetPricesAsync(prices.ToDictionary(p => p.Asset, p => p.Price), CancellationToken.None);

    public async Task AddTaxpayerAsync(string taxpayerId, long principal, long penalty = 0, long costs = 0) =>
        await Grains.GetGrain<ITaxpayerGrain>(taxpayerId).AssessAsync([new TaxItem(taxpayerId + "-1", "지방소득세", new DateOnly(2025, 5, 31), principal, penalty, costs)]);

    public Task AddAccountAsync(string accountId, params SimHolding[] holdings) => AddAccountAsync(Exchange, accountId, holdings);

    public Task AddAccountAsync(string exchange, string accountId, params SimHolding[] holdings) =>
        Simulator.PutAccountsAsync(exchange, [new SimAccountLoad(accountId, holdings, Closed: false)], CancellationToken.None);

    public async Task<string> OpenAsync(string taxpayerId, string accountId, string? exchange = null)
    {
        var id = SeizureKey.Of(taxpayerId, exchange ?? Exchange, accountId);
        var opening = await Grains.GetGrain<ISeizureGrain>(id).OpenAsync(taxpayerId, exchange ?? Exchange, accountId, Domain.Seizures.Said.Typed("test match"), "officer:kim");
        Assert.True(opening.New);
        return id;
    }

    public Task<SeizureView> GetAsync(string seizureId) => Grains.GetGrain<ISeizureGrain>(seizureId).GetAsync();

    public Task<IReadOnlyList<SeizureHistoryEntry>> HistoryAsync(string seizureId) => Grains.GetGrain<ISeizureGrain>(seizureId).GetHistoryAsync();

    public Task<TaxpayerView> TaxpayerAsync(string taxpayerId) => Grains.GetGrain<ITaxpayerGrain>(taxpayerId).GetAsync();

    public Task<PaymentReceipt> PayAsync(string taxpayerId, string reference, long amount) =>
        Grains.GetGrain<ITaxpayerGrain>(taxpayerId).ReceivePaymentAsync(reference, amount, "voluntary");

    public Task SettleAsync() => Driver.SettleAsync(CancellationToken.None);

    /// <summary>Runs the clock in 6-hour steps until every seizure is closed (or 60 days pass), a supervisor approving sales.</summary>
    public async Task RunUntilClosedAsync(string? supervisor = Supervisor, TimeSpan? limit = null) =>
        await Driver.RunAsync(limit ?? TimeSpan.FromDays(60), TimeSpan.FromHours(6), supervisor, AllClosedAsync, CancellationToken.None);

    public async Task<bool> AllClosedAsync() =>
        (await CaseCatalog.ListAsync(Grains, Context.States, CancellationToken.None)).All(s => s.Status == Domain.Seizures.SeizureStatus.Closed);

    /// <summary>Stops the host and starts a new one on the same store and clock, as after a crash and restart.</summary>
    public async Task RestartAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await StartHostAsync();
    }

    /// <summary>The review reminders standing for the seizure: a taxpayer sets one for each change of the debt the seizure must look at.</summary>
    public Task<long> ReviewRemindersAsync(string seizureId) =>
        _storage.CountAsync($"SELECT 1 FROM reminders WHERE grain_id = 'seizure/{seizureId}' AND reminder_name LIKE '{SeizureReminders.ReviewPrefix}%'");

    /// <summary>Every reminder standing for the seizure.</summary>
    public Task<long> RemindersAsync(string seizureId) =>
        _storage.CountAsync($"SELECT 1 FROM reminders WHERE grain_id = 'seizure/{seizureId}'");

    /// <summary>Every request reached the exchange's books once at most, however often it was sent.</summary>
    public async Task AssertNothingDoneTwiceAsync(params string[] exchanges)
    {
        foreach (var exchange in exchanges.DefaultIfEmpty(Exchange))
        {
            var requests = await Simulator.GetRequestsAsync(exchange, CancellationToken.None);
            Assert.All(requests, r => Assert.True(r.Executions <= 1, $"{r.RequestId} was carried out {r.Executions} times"));
        }
    }

    /// <summary>The histories the seizure's and the taxpayer's activations keep in memory are those in the store, event for event, to the millisecond.</summary>
    public async Task AssertHistoriesAsStoredAsync(string seizureId, string taxpayerId)
    {
        static string Json<TEvent>(TEvent e) => System.Text.Json.JsonSerializer.Serialize(e, Serialization.TrackingJson.Options);
        async Task<(long, DateTimeOffset, string)[]> StoredAsync<TEvent>(string type, string key) =>
            [.. (await Context.States.ReadEventsAsync(new Storage.GrainKey(type, key), CancellationToken.None)).Select(e => (e.Version, e.RecordedAt, Json(Persistence.GrainStateJson.DeserializeEvent<TEvent>(e.Json))))];

        Assert.Equal(await StoredAsync<Domain.Seizures.SeizureEvent>(SeizureGrain.TypeName, seizureId), (await HistoryAsync(seizureId)).Select(e => (e.Version, e.RecordedAt, Json(e.Event))));
        Assert.Equal(await StoredAsync<TaxpayerEvent>(TaxpayerGrain.TypeName, taxpayerId), (await Grains.GetGrain<ITaxpayerGrain>(taxpayerId).GetHistoryAsync()).Select(e => (e.Version, e.RecordedAt, Json(e.Event))));
    }

    public static void AssertMoneyConserved(SeizureView seizure)
    {
        Assert.Equal(Domain.Seizures.SeizureStatus.Closed, seizure.Status);
        Assert.Equal(0, seizure.Held);
        Assert.Equal(seizure.Collected, seizure.Applied + seizure.Refunded);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _storage.DisposeAsync();
    }

    private async Task StartHostAsync()
    {
        _app = SiloWebHost.Build(new SiloHostSettings(_storage.Settings, _urls)
        {
            TimeProvider = Clock,
            Exchanges = new ExchangeOptions { ApiRoot = Simulator.Root, RequestTimeout = TimeSpan.FromSeconds(1), CallbackSecret = _callbackSecret },
            Seizures = _seizures,
            // Failed deliveries are expected here (the exchange misbehaves on purpose); errors are not.
            MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.Error,
            Services = _services,
        });
        await _app.StartAsync();

        // A restarted silo comes back at its address, where the exchange's retried callbacks find it.
        _urls = SiloWebHost.Addresses(_app).First();
        Context = _app.Services.GetRequiredService<TrackingContext>();
        Driver = new LifecycleDriver(Context, Clock, Simulator, _app.Services.GetRequiredService<GrainCallMonitor>());
    }
}
