using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tracking.Silo.Hosting;
using Tracking.TestingHost;
using Tracking.Silo.Scenarios;

namespace Tracking.LoadTests.Api;

/// <summary>
/// The case API under wrk (Debian's HTTP load generator, a process of its own) on loopback: a case
/// in full from its grain, a taxpayer from theirs (both reads recorded on the access record), and
/// pages of the case list from its read model, against the same HTTP, cookie and JSON path with
/// no grain behind it (who am I, <c>GET /api/session</c>), all in the same run. The silo holds
/// the generated population uploaded, swept and seized through the API, the exchange simulator answering.
/// </summary>
internal sealed partial class ApiBenchmark(string files, string profiles, string prices, int seconds, int connections)
{
    public async Task<ApiStoreFigures> RunAsync(string store, StorageSettings storage)
    {
        await using var simulator = await ExchangeSimProcess.StartAsync("--accounts", files, "--prices", prices);
        await using var app = ApiSilo.Build(storage, simulator, profiles);
        await app.StartAsync();
        var address = new Uri(SiloWebHost.Addresses(app).First());
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(30) };
        (await http.PostAsJsonAsync("/api/session", new { name = "kim", password = "kim" })).EnsureSuccessStatusCode();

        var cases = await PrepareAsync(http);
        var work = Directory.CreateTempSubdirectory("tracking-api-bench-");
        var cookie = $"tracking={cookies.GetCookies(address)["tracking"]!.Value}";
        var statuses = cases.Select(c => c.Status).Distinct().Order(StringComparer.Ordinal).ToArray();
        var scenarios = new (string Request, string What, string[] Paths)[]
        {
            ("session", "who am I: HTTP, cookie and JSON without a grain (baseline)", ["/api/session"]),
            ("live", "liveness: HTTP only, no cookie, plain text", ["/health/live"]),
            ("case", $"a case in full (state and history from its grain, read recorded), {cases.Count:N0} cases", [.. cases.Select(c => "/api/cases/" + Uri.EscapeDataString(c.Id))]),
            ("taxpayer", $"a taxpayer (state from the grain, masked, read recorded), {cases.Select(c => c.TaxpayerId).Distinct().Count():N0} taxpayers", [.. cases.Select(c => c.TaxpayerId).Distinct().Select(t => "/api/taxpayers/" + t)]),
            ("case-page", "a page of 50 cases from the read model, by state or exchange, with totals", [.. statuses.Select(s => "/api/cases?limit=50&status=" + s), .. PopulationGenerator.Exchanges.Select(e => "/api/cases?limit=50&exchange=" + e.Exchange), "/api/cases?limit=50"]),
        };

        Console.WriteLine($"{store}: {cases.Count:N0} cases ({string.Join(", ", cases.GroupBy(c => c.Status).OrderByDescending(g => g.Count()).Select(g => $"{g.Count():N0} {g.Key}"))}); wrk {connections} connections, {seconds} s each");
        Console.WriteLine();
        Console.WriteLine("| store | request | requests/s | p50 ms | p99 ms | vs. baseline (requests/s) |");
        Console.WriteLine("|---|---|---|---|---|---|");
        var measured = new List<ApiRequestFigures>();
        if (storage.PostgresConnectionString is { } postgres)
        {
            await PostgresSteadyState.PrepareAsync(postgres);
        }

        foreach (var (request, what, paths) in scenarios)
        {
            if (storage.PostgresConnectionString is { } settled)
            {
                await PostgresSteadyState.AnalyzeAndCheckpointAsync(settled, "grain_views");
            }

            var result = await WrkAsync(address, cookie, paths, work.FullName);
            measured.Add(new ApiRequestFigures(request, result));
            Console.WriteLine($"| {store} | {what} | {result.PerSecond:N0} | {result.P50Ms:F2} | {result.P99Ms:F2} | {result.PerSecond / measured[0].Throughput.PerSecond:F2}× |");
        }

        work.Delete(recursive: true);
        await app.StopAsync();
        return new ApiStoreFigures(store, cases.Count, measured);
    }

    /// <summary>Uploads the files, sweeps, seizes the automatic matches and waits for every notice to be answered.</summary>
    private async Task<IReadOnlyList<CaseListed>> PrepareAsync(HttpClient http)
    {
        var watch = Stopwatch.StartNew();
        await ApiPopulation.UploadAndSweepAsync(http, files);

        // Measured once the cases rest: each waits for a date (the sale warning, the distribution) or is closed.
        await ApiPopulation.OpenAutoMatchesAsync(http);
        foreach (var moving in new[] { "NoticeSent", "CollectionRequested", "SaleRequested", "ReleaseRequested" })
        {
            while ((await http.GetFromJsonAsync<JsonElement>($"/api/cases?status={moving}&limit=1")).GetProperty("total").GetInt64() > 0)
            {
                await Task.Delay(500);
            }
        }

        var cases = (await ApiPopulation.ListCasesAsync(http, CancellationToken.None))
            .Select(c => new CaseListed(c.GetProperty("id").GetString()!, c.GetProperty("taxpayerId").GetString()!, c.GetProperty("status").GetString()!))
            .ToArray();
        Console.Error.WriteLine($"Prepared in {watch.Elapsed.TotalSeconds:F0} s");
        return cases;
    }

    /// <summary>
    /// wrk with a script that sends each thread's requests through the paths from a random start;
    /// one thread, so that wrk takes one core and the silo the other.
    /// </summary>
    private async Task<Throughput> WrkAsync(Uri address, string cookie, string[] paths, string work)
    {
        var pathsFile = Path.Combine(work, "paths.txt");
        await File.WriteAllLinesAsync(pathsFile, paths);
        var script = Path.Combine(work, "paths.lua");
        await File.WriteAllTextAsync(script, """
            local paths = {}
            for line in io.lines(os.getenv("WRK_PATHS")) do paths[#paths + 1] = line end
            local i = 0
            init = function(args) math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16)); i = math.random(#paths) end
            request = function() i = i % #paths + 1; return wrk.format("GET", paths[i]) end
            """);
        // A first run of a few seconds, not recorded, so that the code on this path is compiled and tiered up.
        await RunWrkAsync(Wrk("3s"));
        return await RunWrkAsync(Wrk($"{seconds}s"));

        ProcessStartInfo Wrk(string duration)
        {
            var info = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, Environment = { ["WRK_PATHS"] = pathsFile } };
            foreach (var arg in new[] { "-t", "1", "-c", connections.ToString(CultureInfo.InvariantCulture), "-d", duration, "--latency", "-s", script, "-H", "Cookie: " + cookie, address.ToString().TrimEnd('/') })
            {
                info.ArgumentList.Add(arg);
            }

            return info;
        }
    }

    private static async Task<Throughput> RunWrkAsync(ProcessStartInfo info)
    {
        using var wrk = Process.Start(info) ?? throw new InvalidOperationException("could not start wrk");
        var output = await wrk.StandardOutput.ReadToEndAsync();
        var error = await wrk.StandardError.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        if (wrk.ExitCode != 0 || output.Contains("Non-2xx", StringComparison.Ordinal) || output.Contains("Socket errors", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"wrk did not get clean answers (exit {wrk.ExitCode}):{Environment.NewLine}{output}{error}");
        }

        return new Throughput(
            double.Parse(RateLine().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
            Milliseconds(output, "50"),
            Milliseconds(output, "99"));
    }

    private static double Milliseconds(string output, string percentile)
    {
        var match = Regex.Match(output, $@"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RateLine();

    private sealed record CaseListed(string Id, string TaxpayerId, string Status);
}
