using System.Text.Json;

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
        var assess = await TrackingProcess.RunAsync("--data", _data, "taxpayer", "assess", "T-1", "2025-P", "--principal", "300000", "--penalty", "30000", "--costs", "10000", "--due", "2025-09-30");
        Assert.Equal(0, assess.ExitCode);
        Assert.True(File.Exists(Path.Combine(_data, "tracking.db")));

        var pay = await TrackingProcess.RunAsync("--data", _data, "taxpayer", "pay", "T-1", "50000", "--reference", "BANK-7");
        Assert.Equal(0, pay.ExitCode);
        Assert.Contains("Costs", pay.Output);
        Assert.Contains("290,000원", pay.Output);

        var again = await TrackingProcess.RunAsync("--data", _data, "taxpayer", "pay", "T-1", "50000", "--reference", "BANK-7");
        Assert.Contains("already applied", again.Output);

        var show = await TrackingProcess.RunAsync("--data", _data, "taxpayer", "show", "T-1", "--json");
        Assert.Equal(0, show.ExitCode);
        using var json = JsonDocument.Parse(show.Output);
        Assert.Equal(290_000, json.RootElement.GetProperty("Outstanding").GetInt64());
        Assert.Equal(50_000, json.RootElement.GetProperty("TotalReceived").GetInt64());

        var history = await TrackingProcess.RunAsync("--data", _data, "--json", "taxpayer", "history", "T-1");
        using var events = JsonDocument.Parse(history.Output);
        Assert.Equal(["TaxItemAssessed", "PaymentApplied"], events.RootElement.EnumerateArray().Select(e => e.GetProperty("Event").GetProperty("$type").GetString()));
    }

    [Fact]
    public async Task A_rejected_command_says_why_and_exits_non_zero()
    {
        var result = await TrackingProcess.RunAsync("--data", _data, "taxpayer", "pay", "T-1", "-5", "--reference", "R");

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

    [Fact]
    public async Task Bad_arguments_are_reported_by_the_parser()
    {
        var result = await TrackingProcess.RunAsync("--data", _data, "taxpayer", "assess", "T-1", "I-1", "--due", "not-a-date");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--principal", result.Error);
    }
}
