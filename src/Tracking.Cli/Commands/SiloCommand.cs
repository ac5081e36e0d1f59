using System.CommandLine;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tracking.Cli.Output;
using Tracking.Grains;
using Tracking.Grains.Exchanges;
using Tracking.Grains.Seizures;
using Tracking.Silo.Access;
using Tracking.Silo.Hosting;
using Tracking.Storage.Persistence;

namespace Tracking.Cli.Commands;

/// <summary><c>tracking silo</c>: runs a silo with its HTTP endpoints, case API and web console in the foreground until Ctrl+C.</summary>
internal static class SiloCommand
{
    public static readonly Option<string> Urls = new("--urls") { Description = "Addresses to listen on for people and exchanges (HTTP/1.1)", DefaultValueFactory = _ => "http://127.0.0.1:5080" };

    /// <summary>Log lines as JSON objects with their trace and span ids, for log shippers.</summary>
    public static readonly Option<bool> JsonLogs = new("--json-logs") { Description = "Write log lines (stderr) as JSON objects carrying the trace and span they were written in" };

    private static readonly Option<string> s_address = new("--address") { Description = "The IP address other silos and clients reach this silo at", DefaultValueFactory = _ => "127.0.0.1" };
    private static readonly Option<int> s_siloPort = new("--silo-port") { Description = "The port silos talk to each other on; 0 picks a free one" };
    private static readonly Option<int> s_gatewayPort = new("--gateway-port") { Description = "The port clients (--cluster) connect to; 0 picks a free one on PostgreSQL, and means none on the embedded store" };
    private static readonly Option<FileInfo?> s_users = new("--users") { Description = "Who may sign in: a JSON file of {name, role, passwordHash} (see cluster-config/README.md)" };
    private static readonly Option<bool> s_demoUsers = new("--demo-users") { Description = "Let the demonstration users sign in (kim, park: officers; lee: supervisor; choi: auditor; jung: operator; password = name)" };

    public static Command Create()
    {
        var command = new Command("silo", "Run a silo (grain host with health, case API and web console) until stopped; on PostgreSQL it joins that store's cluster") { Urls, s_address, s_siloPort, s_gatewayPort, s_users, s_demoUsers, GlobalOptions.Profiles, JsonLogs };
        command.SetAction(async (result, ct) =>
        {
            var users = result.GetValue(s_demoUsers) ? ConsoleOptions.DemoUsers()
                : result.GetValue(s_users) is { } file ? ConsoleOptions.LoadUsers(file.FullName)
                : [];
            return await RunAsync(result, users, ct);
        });
        return command;
    }

    /// <summary>
    /// Runs the silo host on the command's store until stopped. <paramref name="exchanges"/> and
    /// <paramref name="seizures"/> replace the command's and the environment's settings;
    /// <paramref name="started"/> is given the console's address and the silo once it listens;
    /// the host logs from <paramref name="hostLogs"/> up.
    /// </summary>
    public static async Task<int> RunAsync(
        ParseResult result,
        IReadOnlyList<ConsoleUser> users,
        CancellationToken ct,
        ExchangeOptions? exchanges = null,
        SeizureOptions? seizures = null,
        Func<string, TrackingContext, Task>? started = null,
        LogLevel hostLogs = LogLevel.Information)
    {
        var storage = GlobalOptions.Storage(result);
        if (result.GetValue(GlobalOptions.Cluster) is { Length: > 0 } cluster)
        {
            storage = storage with { PostgresConnectionString = cluster };
        }

        var data = result.GetValue(GlobalOptions.Data)!;
        var app = SiloWebHost.Build(new SiloHostSettings(storage, result.GetValue(Urls)!)
        {
            Exchanges = exchanges ?? GlobalOptions.Exchanges(result),
            Seizures = seizures ?? SiloConfiguration.Seizures(),
            Address = System.Net.IPAddress.Parse(result.GetValue(s_address) ?? "127.0.0.1"),
            SiloPort = result.GetValue(s_siloPort),
            GatewayPort = result.GetValue(s_gatewayPort),
            JsonLogs = result.GetValue(JsonLogs),
            MinimumLogLevel = hostLogs,
            Console = new ConsoleOptions
            {
                Users = users,
                ProfilesDirectory = result.GetValue(GlobalOptions.Profiles)?.FullName,
                RrnKey = () => RrnKeyStore.Load(data),
            },
        });
        try
        {
            await app.StartAsync(ct);
        }
        catch (Exception ex) when (Cause<AddressInUseException>(ex) is not null)
        {
            // Another silo still running, or any program, holds one of the silo's ports: the operator's mistake, not a crash.
            return CliAction.Fail(Say.T("an address this silo listens on is already in use (--urls {0}, --silo-port {1}, --gateway-port {2}): stop what listens there, or choose other addresses", result.GetValue(Urls), result.GetValue(s_siloPort), result.GetValue(s_gatewayPort)), CliAction.Usage);
        }
        catch (Exception ex) when (Cause<StorageUnavailableException>(ex) is { } unavailable)
        {
            return CliAction.Fail(unavailable.Message, CliAction.StorageUnreachable);
        }

        if (started is not null)
        {
            await started(SiloWebHost.Addresses(app).First(), app.Services.GetRequiredService<TrackingContext>());
        }

        await app.WaitForShutdownAsync(ct);
        return 0;
    }

    /// <summary>
    /// The failure of type <typeparamref name="T"/> that stopped the start, if one did: Kestrel wraps
    /// its refusal of an address in another exception, Orleans' listeners and the store's check throw theirs as they are.
    /// </summary>
    private static T? Cause<T>(Exception ex)
        where T : Exception =>
        ex as T ?? (ex.InnerException is { } inner ? Cause<T>(inner) : null);
}
