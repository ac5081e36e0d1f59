using System.Text.Json;
using Tracking.TestingHost;

namespace Tracking.Grains.Tests.EndToEnd;

/// <summary>An operator's commands against silo processes of the real program: status, top, drain, any command through <c>--cluster</c>.</summary>
public sealed class ClusterCliTests
{
    [Fact]
    public async Task An_operator_sees_the_silos_drains_one_and_the_cluster_keeps_serving_without_it()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Postgres);
        await using var cluster = await ProcessCluster.StartAsync(storage.ConnectionString, silos: 2);
        for (var t = 0; t < 8; t++)
        {
            Assert.Equal(0, (await cluster.RunAsync("taxpayer", "assess", $"T-{t}", "2025-P", "--principal", "100000", "--due", "2025-09-30")).ExitCode);
        }

        using (var status = await StatusAsync(cluster))
        {
            var silos = status.RootElement.GetProperty("silos").EnumerateArray().ToArray();
            Assert.Equal(2, silos.Length);
            Assert.All(silos, s => Assert.True(s.GetProperty("alive").GetBoolean()));
            Assert.All(silos, s => Assert.Equal("active", s.GetProperty("status").GetString()));
            Assert.Equal(cluster.Silos.Select(s => s.SiloPort).Order(), silos.Select(PortOf).Order());
        }

        // Two looks a moment apart: every silo answers with its figures, and the second has rates.
        var top = await cluster.RunAsync("cluster", "top", "--count", "2", "--interval", "0.5", "--json");
        Assert.True(top.ExitCode == 0, top.Error);
        var looks = top.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line)).ToArray();
        Assert.Equal(2, looks.Length);
        var watched = looks[1].RootElement.GetProperty("silos").EnumerateArray().ToArray();
        Assert.Equal(2, watched.Length);
        Assert.All(watched, s => Assert.Equal(JsonValueKind.Null, s.GetProperty("unreachable").ValueKind));
        Assert.All(watched, s => Assert.True(s.GetProperty("rates").GetProperty("seconds").GetDouble() > 0));
        Assert.True(watched.Sum(s => s.GetProperty("activations").GetInt32()) >= 8, "the taxpayers' activations are counted where they live");
        Assert.True(watched.Sum(s => s.GetProperty("figures").GetProperty("calls").GetInt64()) >= 8, "the assessments' calls are counted where they ran");
        Assert.True(watched.Sum(s => s.GetProperty("figures").GetProperty("writes").GetInt64()) >= 8, "the assessments' writes are counted where they were made");
        var table = await cluster.RunAsync("cluster", "top", "--count", "1");
        Assert.True(table.ExitCode == 0, table.Error);
        Assert.All(watched, s => Assert.Contains(s.GetProperty("address").GetString()!, table.Output, StringComparison.Ordinal));
        Assert.Contains("calls/s", table.Output, StringComparison.Ordinal);

        var leaving = cluster.Silos[1];
        var drain = await cluster.RunAsync("cluster", "drain", await AddressOfAsync(cluster, leaving));
        Assert.True(drain.ExitCode == 0, drain.Error);
        await leaving.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, leaving.Process.ExitCode);

        using (var status = await StatusAsync(cluster))
        {
            var alive = Assert.Single(status.RootElement.GetProperty("silos").EnumerateArray(), s => s.GetProperty("alive").GetBoolean());
            Assert.Equal(cluster.Silos[0].SiloPort, PortOf(alive));
        }

        for (var t = 0; t < 8; t++)
        {
            var show = await cluster.RunAsync("taxpayer", "show", $"T-{t}", "--json");
            Assert.True(show.ExitCode == 0, show.Error);
            using var taxpayer = JsonDocument.Parse(show.Output);
            Assert.Equal(100_000, taxpayer.RootElement.GetProperty("outstanding").GetInt64());
        }

        var unknown = await cluster.RunAsync("cluster", "drain", "silo-nope");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no active silo 'silo-nope'", unknown.Error);
    }

    private static async Task<JsonDocument> StatusAsync(ProcessCluster cluster)
    {
        var status = await cluster.RunAsync("cluster", "status", "--json");
        Assert.True(status.ExitCode == 0, status.Error);
        return JsonDocument.Parse(status.Output);
    }

    /// <summary>A silo's address as Orleans writes it: S{ip}:{port}:{generation}.</summary>
    private static int PortOf(JsonElement silo) => int.Parse(silo.GetProperty("address").GetString()!.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> AddressOfAsync(ProcessCluster cluster, SiloProcess silo)
    {
        using var status = await StatusAsync(cluster);
        return status.RootElement.GetProperty("silos").EnumerateArray().Single(s => PortOf(s) == silo.SiloPort).GetProperty("address").GetString()!;
    }
}
