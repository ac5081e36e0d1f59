using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Tracking.TestingHost;

namespace Tracking.Grains.Tests.EndToEnd;

/// <summary>Kills a real silo process with SIGKILL in the middle of durable writes.</summary>
public sealed class SiloCrashTests : IDisposable
{
    private const int Taxpayers = 5;
    private readonly string _data = Path.Combine(Path.GetTempPath(), "tracking-crash-" + Guid.NewGuid().ToString("N"));
    private readonly HttpClient _http = new(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { Timeout = TimeSpan.FromSeconds(10) };

    public void Dispose()
    {
        _http.Dispose();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public async Task A_killed_silo_leaves_every_acknowledged_payment_with_its_event_and_nothing_half_written()
    {
        // Payments are taken only for taxpayers on the roll.
        for (var t = 0; t < Taxpayers; t++)
        {
            var assessed = await TrackingProcess.RunAsync("--data", _data, "taxpayer", "assess", $"T-{t}", "I-1", "--principal", "100000000", "--due", "2025-09-30");
            Assert.True(assessed.ExitCode == 0, assessed.Error);
        }

        var port = TrackingProcess.FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var silo = await StartSiloAsync(baseUrl);

        var attempted = new ConcurrentDictionary<string, (string Taxpayer, long Amount)>();
        var acknowledged = new ConcurrentDictionary<string, bool>();
        using var stopSending = new CancellationTokenSource();
        var senders = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var n = 0; !stopSending.IsCancellationRequested; n++)
            {
                var reference = $"S{worker}-{n}";
                var payment = (Taxpayer: $"T-{n % Taxpayers}", Amount: 1_000L + worker);
                attempted[reference] = payment;
                if (await TryPayAsync(baseUrl, reference, payment))
                {
                    acknowledged[reference] = true;
                }
            }
        })).ToArray();

        var deadline = Stopwatch.StartNew();
        while (acknowledged.Count < 300 && deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(20);
        }

        silo.Kill(entireProcessTree: true);
        await silo.WaitForExitAsync();
        await stopSending.CancelAsync();
        await Task.WhenAll(senders);
        Assert.True(acknowledged.Count >= 300, $"only {acknowledged.Count} payments were acknowledged before the kill");

        silo = await StartSiloAsync(baseUrl);
        try
        {
            var applied = new Dictionary<string, long>();
            for (var t = 0; t < Taxpayers; t++)
            {
                var (view, history) = await ReadTaxpayerAsync(baseUrl, $"T-{t}");
                var payments = history.Where(e => e.GetProperty("event").GetProperty("$type").GetString() == "PaymentApplied").ToArray();

                // Every stored version has exactly the event it was written with, and the state agrees with the history.
                Assert.Equal(view.GetProperty("version").GetInt64(), history.Length);
                Assert.Equal(Enumerable.Range(1, history.Length).Select(v => (long)v), history.Select(e => e.GetProperty("version").GetInt64()));
                Assert.Equal(view.GetProperty("totalReceived").GetInt64(), payments.Sum(e => e.GetProperty("event").GetProperty("amount").GetInt64()));
                foreach (var payment in payments)
                {
                    applied[payment.GetProperty("event").GetProperty("reference").GetString()!] = payment.GetProperty("event").GetProperty("amount").GetInt64();
                }
            }

            Assert.All(acknowledged.Keys, reference => Assert.True(applied.ContainsKey(reference), $"acknowledged payment {reference} was lost"));
            Assert.All(applied.Keys, reference => Assert.True(attempted.ContainsKey(reference)));

            // Senders retry everything they are unsure of; each payment must end up counted exactly once.
            foreach (var (reference, payment) in attempted)
            {
                Assert.True(await TryPayAsync(baseUrl, reference, payment), $"retry of {reference} failed");
            }

            for (var t = 0; t < Taxpayers; t++)
            {
                var (view, _) = await ReadTaxpayerAsync(baseUrl, $"T-{t}");
                var expected = attempted.Values.Where(p => p.Taxpayer == $"T-{t}").Sum(p => p.Amount);
                Assert.Equal(expected, view.GetProperty("totalReceived").GetInt64());
            }
        }
        finally
        {
            silo.Kill(entireProcessTree: true);
            await silo.WaitForExitAsync();
        }
    }

    private async Task<Process> StartSiloAsync(string baseUrl)
    {
        var silo = TrackingProcess.Start("--data", _data, "silo", "--urls", baseUrl, "--demo-users");
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                if ((await _http.GetAsync($"{baseUrl}/health/ready")).IsSuccessStatusCode)
                {
                    // A new process signs sessions with new keys: sign in again.
                    (await _http.PostAsJsonAsync($"{baseUrl}/api/session", new { name = "kim", password = "kim" })).EnsureSuccessStatusCode();
                    return silo;
                }
            }
            catch (HttpRequestException)
            {
            }

            Assert.False(silo.HasExited, "the silo process exited during start");
            await Task.Delay(100);
        }

        silo.Kill(entireProcessTree: true);
        throw new TimeoutException("The silo did not become ready within 60 s.");
    }

    private async Task<bool> TryPayAsync(string baseUrl, string reference, (string Taxpayer, long Amount) payment)
    {
        try
        {
            var response = await _http.PostAsJsonAsync($"{baseUrl}/api/taxpayers/{payment.Taxpayer}/payments", new { Reference = reference, payment.Amount, Source = "crash-test" });
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private async Task<(JsonElement View, JsonElement[] History)> ReadTaxpayerAsync(string baseUrl, string taxpayer)
    {
        var view = await _http.GetFromJsonAsync<JsonElement>($"{baseUrl}/api/taxpayers/{taxpayer}");
        var history = await _http.GetFromJsonAsync<JsonElement>($"{baseUrl}/api/taxpayers/{taxpayer}/history");
        return (view, history.EnumerateArray().ToArray());
    }
}
