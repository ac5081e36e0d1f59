using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tracking.TestingHost;

namespace Tracking.Grains.Tests.EndToEnd;

/// <summary>The README's first command, as a newcomer runs it: the demo imports, sweeps, then serves a console whose cases move.</summary>
public sealed partial class DemoTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "tracking-demo-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public async Task The_demo_serves_the_console_on_the_samples_with_cases_opened_and_answered_by_the_simulator()
    {
        var output = new StringWriter();
        var port = TrackingProcess.FreePort();
        using var demo = TrackingProcess.Start(new Dictionary<string, string> { ["TRACKING_EXCHANGE_URL"] = "" }, ["--data", _data, "demo", "--samples", RepositoryPaths.Samples, "--urls", $"http://127.0.0.1:{port}"], output);
        try
        {
            var printed = await WaitForAsync(() => ConsoleLine().Match(Read(output)) is { Success: true } m ? m : null, TimeSpan.FromMinutes(3), () => Read(output));
            var opened = int.Parse(OpenedLine().Match(Read(output)).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(opened > 0, Read(output));
            Assert.Contains("lee or han (supervisors)", Read(output));

            using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(printed.Groups[1].Value) };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/")).StatusCode);
            (await http.PostAsJsonAsync("/api/session", new { name = "kim", password = "kim" })).EnsureSuccessStatusCode();
            var dashboard = await http.GetFromJsonAsync<JsonElement>("/api/dashboard");
            Assert.Equal(opened, dashboard.GetProperty("cases").GetInt64());

            // The simulator answers the notices: every case leaves NoticeSent.
            await WaitForAsync(async () => (await http.GetFromJsonAsync<JsonElement>("/api/cases?status=NoticeSent&limit=1")).GetProperty("total").GetInt64() == 0 ? "" : null, TimeSpan.FromMinutes(1), () => "cases still wait for their notice to be answered");
            Assert.True((await http.GetFromJsonAsync<JsonElement>("/api/dashboard")).GetProperty("accountsSeized").GetInt64() > 0);
        }
        finally
        {
            demo.Kill(entireProcessTree: true);
            await demo.WaitForExitAsync();
        }
    }

    private static string Read(StringWriter output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static Task<T> WaitForAsync<T>(Func<T?> probe, TimeSpan limit, Func<string> explain)
        where T : class => WaitForAsync(() => Task.FromResult(probe()), limit, explain);

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, TimeSpan limit, Func<string> explain)
        where T : class
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "timed out: " + explain());
            await Task.Delay(200);
        }
    }

    [GeneratedRegex(@"Web console: (\S+)")]
    private static partial Regex ConsoleLine();

    [GeneratedRegex(@"(\d+) cases open for the automatic matches")]
    private static partial Regex OpenedLine();
}
