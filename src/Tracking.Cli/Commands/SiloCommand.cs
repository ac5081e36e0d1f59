using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Tracking.Silo.Hosting;

namespace Tracking.Cli.Commands;

/// <summary><c>tracking silo</c>: runs a silo with its HTTP endpoints in the foreground until Ctrl+C.</summary>
internal static class SiloCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on for people and exchanges (HTTP/1.1)", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var siloEndpoint = new Option<string>("--silo-endpoint") { Description = "IP:port other silos and cluster clients call (HTTP/2); port 0 picks a free one", DefaultValueFactory = _ => "127.0.0.1:0" };
        var command = new Command("silo", "Run a silo (grain host with health and API endpoints) until stopped; on PostgreSQL it joins that store's cluster") { urls, siloEndpoint };
        command.SetAction(async (result, ct) =>
        {
            var storage = GlobalOptions.Storage(result);
            if (result.GetValue(GlobalOptions.Cluster) is { Length: > 0 } cluster)
            {
                storage = storage with { PostgresConnectionString = cluster };
            }

            var app = SiloWebHost.Build(new SiloHostSettings(storage.CreateProvider, result.GetValue(urls)!)
            {
                Exchanges = GlobalOptions.Exchanges(result),
                SiloEndpoint = System.Net.IPEndPoint.Parse(result.GetValue(siloEndpoint)!),
            });
            await app.StartAsync(ct);
            await app.WaitForShutdownAsync(ct);
            return 0;
        });
        return command;
    }
}
