using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Tracking.Silo.Hosting;

namespace Tracking.Cli.Commands;

/// <summary><c>tracking silo</c>: runs a silo with its HTTP endpoints in the foreground until Ctrl+C.</summary>
internal static class SiloCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var command = new Command("silo", "Run a silo (grain host with health and API endpoints) until stopped") { urls };
        command.SetAction(async (result, ct) =>
        {
            var app = SiloWebHost.Build(new SiloHostSettings(GlobalOptions.Storage(result).CreateProvider, result.GetValue(urls)!) { Exchanges = GlobalOptions.Exchanges(result) });
            await app.StartAsync(ct);
            await app.WaitForShutdownAsync(ct);
            return 0;
        });
        return command;
    }
}
