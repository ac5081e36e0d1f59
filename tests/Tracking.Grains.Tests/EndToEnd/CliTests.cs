using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tracking.TestingHost;

namespace Tracking.Grains.Tests.EndToEnd;

public sealed class CliTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "tracking-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public async Task The_embedded_store_keeps_a_ledger_across_separate_runs_of_the_program()
    {
        // A tax type as a hostile file could bring it: a terminal escape and a right-to-left override.
        var assess = await TrackingProcess.RunAsync("--data", _data, "taxpayer", "assess", "T-1", "2025-P", "--type", "재산세\u001b[2J\u202e", "--principal", "300000", "--penalty", "30000", "--costs", "10000", "--due", "2025-09-30");
        Assert.Equal(0, assess.ExitCode);
        Assert.True(File.Exists(Path.Combine(_data, "tracking.db")));

        var pay = await TrackingProcess.RunAsync("--data", _data, "taxpayer", "pay", "T-1", "50000", "--reference", "BANK-7");
        Assert.Equal(0, pay.ExitCode);
        Assert.Contains("Costs", pay.Output);
        Assert.Contains("290,000원", pay.Output);

        var again = await TrackingProcess.RunAsync("--data", _data, "taxpayer", "pay", "T-1", "50000", "--reference", "BANK-7");
        Assert.Contains("already applied", again.Output);

        // Korean unless told English: the same answer as a Korean office reads it.
        var korean = await TrackingProcess.RunAsync(new Dictionary<string, string> { [TrackingProcess.LanguageVariable] = "ko" }, "--data", _data, "taxpayer", "pay", "T-1", "50000", "--reference", "BANK-7");
        Assert.Contains("납부 BANK-7은(는) 이미 처리되었습니다", korean.Output);
        Assert.Contains("남은 체납액 290,000원", korean.Output);

        var show = await TrackingProcess.RunAsync("--data", _data, "taxpayer", "show", "T-1", "--json");
        Assert.Equal(0, show.ExitCode);
        using var json = JsonDocument.Parse(show.Output);
        Assert.Equal(290_000, json.RootElement.GetProperty("outstanding").GetInt64());
        Assert.Equal(50_000, json.RootElement.GetProperty("totalReceived").GetInt64());

        var shown = await TrackingProcess.RunAsync("--data", _data, "taxpayer", "show", "T-1");
        Assert.Contains("재산세?[2J?", shown.Output);
        Assert.DoesNotContain('\u001b', shown.Output);
        Assert.DoesNotContain('\u202e', shown.Output);

        var history = await TrackingProcess.RunAsync("--data", _data, "--json", "taxpayer", "history", "T-1");
        using var events = JsonDocument.Parse(history.Output);
        Assert.Equal(["TaxItemAssessed", "PaymentApplied"], events.RootElement.EnumerateArray().Select(e => e.GetProperty("event").GetProperty("$type").GetString()));
    }

    [Fact]
    public async Task A_rejected_command_says_why_and_exits_non_zero()
    {
        var unknown = await TrackingProcess.RunAsync("--data", _data, "taxpayer", "pay", "T-1", "5000", "--reference", "R");
        Assert.Equal(0, unknown.ExitCode);
        Assert.Contains("not on the roll: the payment is held in suspense", unknown.Output);
        var malformed = await TrackingProcess.RunAsync("--data", _data, "taxpayer", "pay", "T-1", "5000", "--reference", "R 2/x");
        Assert.Equal(1, malformed.ExitCode);
        Assert.Contains("reference is not an id", malformed.Error);

        Assert.Equal(0, (await TrackingProcess.RunAsync("--data", _data, "taxpayer", "assess", "T-1", "I-1", "--principal", "1000", "--due", "2025-09-30")).ExitCode);
        var result = await TrackingProcess.RunAsync("--data", _data, "taxpayer", "pay", "T-1", "-5", "--reference", "R-2");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("non-positive amount", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public async Task An_unreachable_database_is_a_clear_error_not_a_crash()
    {
        var result = await TrackingProcess.RunAsync("--postgres", "Host=127.0.0.1;Port=1;Username=x;Database=x;Timeout=2", "taxpayer", "show", "T-1");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("PostgreSQL 127.0.0.1:1/x", result.Error);
        Assert.Contains("not reachable", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Theory]
    [InlineData("--urls")]
    [InlineData("--silo-port")]
    public async Task A_silo_whose_address_is_taken_says_so_and_exits_with_the_usage_code_not_a_crash(string taken)
    {
        // Held by this process for the whole run, as a silo still running would hold it.
        var port = TrackingProcess.FreePort();
        using var holder = new System.Net.Sockets.TcpListener(IPAddress.Loopback, port);
        holder.Start();
        var urls = taken == "--urls" ? $"http://127.0.0.1:{port}" : $"http://127.0.0.1:{TrackingProcess.FreePort()}";
        var siloPort = taken == "--silo-port" ? port : TrackingProcess.FreePort();

        var result = await TrackingProcess.RunAsync("--data", _data, "silo", "--urls", urls, "--silo-port", $"{siloPort}");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"error: an address this silo listens on is already in use (--urls {urls}, --silo-port {siloPort}, --gateway-port 0)", result.Error);
        Assert.DoesNotContain("Unhandled exception", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public async Task A_silo_whose_database_is_unreachable_says_so_as_a_command_does_not_a_crash()
    {
        var result = await TrackingProcess.RunAsync("--postgres", "Host=127.0.0.1;Port=1;Username=x;Database=x;Timeout=2", "silo", "--urls", $"http://127.0.0.1:{TrackingProcess.FreePort()}");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("error: PostgreSQL 127.0.0.1:1/x is not reachable", result.Error);
        Assert.DoesNotContain("Unhandled exception", result.Error);
    }

    [Fact]
    public async Task Bad_arguments_are_reported_by_the_parser()
    {
        var result = await TrackingProcess.RunAsync("--data", _data, "taxpayer", "assess", "T-1", "I-1", "--due", "not-a-date");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--principal", result.Error);
    }

    [Fact]
    public async Task Import_sweep_and_matches_from_the_command_line_give_the_documented_json()
    {
        var samples = RepositoryPaths.Samples;
        var roll = await TrackingProcess.RunAsync("--data", _data, "import", "roll", Path.Combine(samples, "taxpayers.csv"), Path.Combine(samples, "tax_items.csv"), "--json");
        Assert.Equal(0, roll.ExitCode);
        using (var summary = JsonDocument.Parse(roll.Output))
        {
            Assert.Equal(60, summary.RootElement.GetProperty("new").GetInt32());
        }

        foreach (var (exchange, file) in SampleTruth.ExchangeFiles)
        {
            Assert.Equal(0, (await TrackingProcess.RunAsync("--data", _data, "import", "accounts", exchange, Path.Combine(samples, file))).ExitCode);
        }

        var sweep = await TrackingProcess.RunAsync("--data", _data, "sweep");
        Assert.Equal(0, sweep.ExitCode);
        Assert.Contains("29 candidates", sweep.Output);

        var matches = await TrackingProcess.RunAsync("--data", _data, "matches", "--json");
        using var json = JsonDocument.Parse(matches.Output);
        var first = json.RootElement.EnumerateArray().First();
        Assert.Equal(["taxpayerId", "exchange", "accountId", "decision", "score", "reasons", "weight"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["total", "probability", "fields"], first.GetProperty("weight").EnumerateObject().Select(p => p.Name));
        Assert.All(json.RootElement.EnumerateArray(), m => Assert.Contains(m.GetProperty("decision").GetString(), new[] { "auto", "review" }));
        var truth = SampleTruth.Load();
        Assert.Equal(truth.Pairs.Count, json.RootElement.EnumerateArray().Count(m => truth.Pairs.Contains((m.GetProperty("taxpayerId").GetString()!, m.GetProperty("exchange").GetString()!, m.GetProperty("accountId").GetString()!))));

        var again = await TrackingProcess.RunAsync("--data", _data, "sweep", "--json");
        using var second = JsonDocument.Parse(again.Output);
        Assert.Equal(0, second.RootElement.GetProperty("newAuto").GetInt32() + second.RootElement.GetProperty("newReview").GetInt32());

        // The weights the sweep learnt, by which every candidate's weight can be worked out again.
        var weights = await TrackingProcess.RunAsync("--data", _data, "sweep", "weights", "--json");
        using var model = JsonDocument.Parse(weights.Output);
        Assert.Equal(["rrn", "name", "birth", "phone"], model.RootElement.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("field").GetString()));
        var candidate = json.RootElement.EnumerateArray().First(m => m.GetProperty("decision").GetString() == "auto").GetProperty("weight");
        var prior = Math.Log2(model.RootElement.GetProperty("matchShare").GetDouble() / (1 - model.RootElement.GetProperty("matchShare").GetDouble()));
        Assert.Equal(candidate.GetProperty("total").GetDouble(), prior + candidate.GetProperty("fields").EnumerateArray().Sum(f => f.GetProperty("weight").GetDouble()), 1);
    }

    [Fact]
    public async Task Import_mistakes_are_explained_with_exit_code_2()
    {
        var missing = await TrackingProcess.RunAsync("--data", _data, "import", "accounts", "upbit", "/nonexistent/upbit.csv");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("does not exist", missing.Error);

        var unknown = await TrackingProcess.RunAsync("--data", _data, "import", "accounts", "nowhere", Path.Combine(RepositoryPaths.Samples, "upbit.csv"));
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no profile for exchange 'nowhere'", unknown.Error);
        Assert.Contains("upbit", unknown.Error);

        var wrongLayout = await TrackingProcess.RunAsync("--data", _data, "import", "accounts", "gopax", Path.Combine(RepositoryPaths.Samples, "upbit.csv"));
        Assert.Equal(2, wrongLayout.ExitCode);
        Assert.Contains("lacks the column(s)", wrongLayout.Error);
    }

    [Fact]
    public async Task Row_problems_are_listed_with_file_line_and_reason()
    {
        Directory.CreateDirectory(_data);
        var file = Path.Combine(_data, "upbit.csv");
        await File.WriteAllTextAsync(file, "회원번호,성명,생년월일,휴대전화,자산,보유수량,주문중수량\nUP1,김철수,1980-01-02,010-1111-2222,BTC,0.5,0\nUP2,이영희,1990-01-01,010-3333-4444,BTC,lots,0\n");

        var result = await TrackingProcess.RunAsync("--data", _data, "import", "accounts", "upbit", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("1 rows rejected", result.Output);
        Assert.Contains("upbit.csv:3: rejected:", result.Output);
    }

    [Fact]
    public async Task A_silo_with_json_logs_writes_each_line_as_json_carrying_the_trace_of_the_request_it_was_written_in()
    {
        var url = new Uri($"http://127.0.0.1:{TrackingProcess.FreePort()}");
        var errors = new StringWriter();
        using var silo = TrackingProcess.Start(new Dictionary<string, string>(), ["--data", _data, "silo", "--urls", url.ToString(), "--demo-users", "--json-logs"], log: TextWriter.Null, errors: errors);
        try
        {
            using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = url };
            await UntilAsync(async () => silo.HasExited ? throw new InvalidOperationException("the silo exited: " + errors) : await IsReadyAsync(http));
            (await http.PostAsJsonAsync("/api/session", new { name = "kim", password = "kim" })).EnsureSuccessStatusCode();
            (await http.PostAsync("/api/sweeps", null)).EnsureSuccessStatusCode();
            await UntilAsync(() => Task.FromResult(Logged(errors).Contains("\"Sweep ", StringComparison.Ordinal)));
        }
        finally
        {
            silo.Kill(entireProcessTree: true);
            await silo.WaitForExitAsync();
        }

        var entries = Logged(errors).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToArray();
        Assert.Contains(entries, e => e.GetProperty("Message").GetString()!.StartsWith("Silo running on", StringComparison.Ordinal));
        var sweep = Assert.Single(entries, e => e.GetProperty("Message").GetString()!.StartsWith("Sweep ", StringComparison.Ordinal));
        Assert.Equal("officer:kim", sweep.GetProperty("State").GetProperty("Actor").GetString());
        var trace = Assert.Single(sweep.GetProperty("Scopes").EnumerateArray(), s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("TraceId", out _));
        Assert.Matches("^[0-9a-f]{32}$", trace.GetProperty("TraceId").GetString());
        Assert.Matches("^[0-9a-f]{16}$", trace.GetProperty("SpanId").GetString());
    }

    private static string Logged(StringWriter errors)
    {
        lock (errors)
        {
            return errors.ToString();
        }
    }

    private static async Task<bool> IsReadyAsync(HttpClient http)
    {
        try
        {
            return (await http.GetAsync("/health/ready")).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(100);
        }
    }
}
