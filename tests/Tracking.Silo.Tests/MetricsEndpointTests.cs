using System.Net;
using System.Text.RegularExpressions;
using Tracking.Silo.Access;
using Tracking.Silo.Hosting;
using Tracking.Silo.Telemetry;
using static Tracking.Silo.Tests.ConsoleHost;

namespace Tracking.Silo.Tests;

/// <summary>The silo's metrics without a collector: Prometheus text and JSON for anyone, the cluster view for operators.</summary>
public sealed partial class MetricsEndpointTests(ConsoleHost host) : IClassFixture<ConsoleHost>
{
    [Fact]
    public async Task Metrics_are_served_as_prometheus_text_and_json_and_hold_no_personal_data()
    {
        using (var officer = await host.SignInAsync("kim"))
        {
            await JsonAsync(await officer.GetAsync("/api/taxpayers/T07-0000001"), HttpStatusCode.OK);
            await ConsoleHost.OpenAutoMatchesAsync(officer);
        }

        using var scraper = host.Anonymous();
        var response = await scraper.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain; version=0.0.4", response.Content.Headers.ContentType?.ToString());
        var text = await response.Content.ReadAsStringAsync();

        // Tracking's own instruments, by the silo's tag, and Orleans' beside them.
        Assert.Contains("# TYPE tracking_grain_call_duration_milliseconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE tracking_storage_writes_total counter\n", text, StringComparison.Ordinal);
        Assert.Matches(@"\ntracking_storage_writes_total\{[^}]*tracking_outcome=""written"",tracking_silo=""S127\.0\.0\.1:[0-9]+:[0-9]+""\} [1-9]", text);
        Assert.Matches(@"\ntracking_grain_call_duration_milliseconds_bucket\{[^}]*tracking_grain_type=""taxpayer""[^}]*,le=""\+Inf""\} [1-9]", text);
        Assert.Matches(@"\norleans_catalog_activations\{[^}]*\} [1-9]", text);

        // The work itself: the fixture's uploads and sweep, and the cases opened above.
        Assert.Matches(@"\ntracking_sweep_rows_total\{[^}]*tracking_file=""roll"",tracking_outcome=""kept""\} [1-9]", text);
        Assert.Matches(@"\ntracking_sweep_comparisons_total\{[^}]*\} [1-9]", text);
        Assert.Matches(@"\ntracking_seizures_transitions_total\{[^}]*tracking_seizure_status=""NoticeSent""\} [1-9]", text);
        var malformed = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#') && !SampleLine().IsMatch(l)).ToArray();
        Assert.True(malformed.Length == 0, "lines not in the exposition format: " + string.Join(" | ", malformed.Take(3)));

        var json = await JsonAsync(await scraper.GetAsync("/metrics.json"), HttpStatusCode.OK);
        Assert.Contains(json.GetProperty("metrics").EnumerateArray(), m => m.GetProperty("name").GetString() == "tracking.storage.writes");
        Assert.Contains(json.GetProperty("metrics").EnumerateArray(), m => m.GetProperty("name").GetString() == "orleans-catalog-activations");

        var leaks = RollPersonalData.Values().Where(value => text.Contains(value, StringComparison.Ordinal) || json.GetRawText().Contains(value, StringComparison.Ordinal)).ToArray();
        Assert.True(leaks.Length == 0, $"{leaks.Length} names, phones or registration numbers of the roll are in the metrics");
    }

    [Fact]
    public async Task Orleans_figures_stay_when_another_silo_host_in_the_process_stops()
    {
        var store = Directory.CreateTempSubdirectory("tracking-metrics-").FullName;
        try
        {
            await using var other = SiloWebHost.Build(new SiloHostSettings(new StorageSettings(store, null), "http://127.0.0.1:0") { Console = new ConsoleOptions { Users = ConsoleOptions.DemoUsers() } });
            await other.StartAsync();
            await other.StopAsync();
        }
        finally
        {
            Directory.Delete(store, recursive: true);
        }
        using var scraper = host.Anonymous();
        for (var scrape = 1; scrape <= 3; scrape++)
        {
            // A metric whose instrument is gone is still reported once: the later scrapes tell.
            var json = await JsonAsync(await scraper.GetAsync("/metrics.json"), HttpStatusCode.OK);
            Assert.True(json.GetProperty("metrics").EnumerateArray().Any(m => m.GetProperty("name").GetString() == "orleans-catalog-activations"), $"scrape {scrape} lacks Orleans' activations");
        }
    }

    [Fact]
    public async Task An_operator_sees_the_silo_its_activations_and_figures_and_its_rates_from_the_second_look()
    {
        using var operatorClient = await host.SignInAsync("jung");
        var first = await JsonAsync(await operatorClient.GetAsync("/api/cluster"), HttpStatusCode.OK);
        var silo = Assert.Single(first.GetProperty("silos").EnumerateArray());
        Assert.Equal("active", silo.GetProperty("status").GetString());
        Assert.True(silo.GetProperty("activations").GetInt32() > 0);
        Assert.True(silo.GetProperty("figures").GetProperty("calls").GetInt64() > 0);

        using (var officer = await host.SignInAsync("kim"))
        {
            await JsonAsync(await officer.GetAsync("/api/taxpayers/T07-0000002"), HttpStatusCode.OK);
        }

        var second = await JsonAsync(await operatorClient.GetAsync("/api/cluster"), HttpStatusCode.OK);
        var rates = second.GetProperty("silos")[0].GetProperty("rates");
        Assert.True(rates.GetProperty("seconds").GetDouble() > 0);
        Assert.True(rates.GetProperty("callsPerSecond").GetDouble() > 0);
    }

    [GeneratedRegex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*=""([^""\\]|\\.)*""(,[a-zA-Z_][a-zA-Z0-9_]*=""([^""\\]|\\.)*"")*\})? (-?[0-9.eE+-]+|\+Inf|-Inf|NaN)$")]
    private static partial Regex SampleLine();
}
