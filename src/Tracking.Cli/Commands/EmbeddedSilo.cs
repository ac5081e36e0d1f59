using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tracking.Grains;
using Tracking.Silo.Hosting;
using Tracking.Storage.Postgres;

namespace Tracking.Cli.Commands;

/// <summary>
/// Where a command's grain calls go: a silo inside the CLI process for the length of the command
/// (on the embedded store, or on PostgreSQL when no cluster runs there), listening on a loopback
/// port for the exchanges' answers; or, with <c>--cluster</c>, the silos of a running cluster.
/// </summary>
internal sealed class EmbeddedSilo : IAsyncDisposable
{
    private readonly WebApplication? _host;
    private readonly TrackingClient? _client;

    private EmbeddedSilo(TrackingContext context, WebApplication? host, TrackingClient? client) => (Context, _host, _client) = (context, host, client);

    public TrackingContext Context { get; }

    /// <summary>Starts the command's silo, or connects to the cluster; throws <see cref="Storage.Persistence.StorageUnavailableException"/> if the store cannot be reached.</summary>
    public static async Task<EmbeddedSilo> StartAsync(ParseResult result, CancellationToken cancellationToken)
    {
        if (result.GetValue(GlobalOptions.Cluster) is { Length: > 0 } cluster)
        {
            // A client of the cluster: it hosts nothing, and the silos take the exchanges' answers.
            var client = await TrackingClient.ConnectAsync(cluster, SiloConfiguration.Silo(), StderrLoggers(), cancellationToken);
            return new EmbeddedSilo(client.Context, null, client);
        }

        var storage = GlobalOptions.Storage(result);
        if (storage.PostgresConnectionString is { Length: > 0 } postgres)
        {
            await RefuseBesideLiveClusterAsync(postgres, cancellationToken);
        }

        var host = SiloWebHost.Build(new SiloHostSettings(storage, "http://127.0.0.1:0")
        {
            Exchanges = GlobalOptions.Exchanges(result),
            MinimumLogLevel = LogLevel.Warning,
        });
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return new EmbeddedSilo(host.Services.GetRequiredService<TrackingContext>(), host, null);
    }

    /// <summary>A command's own silo would join a running cluster for seconds and leave it again, moving its grains about: use the cluster instead.</summary>
    private static async Task RefuseBesideLiveClusterAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var store = new PostgresStore(connectionString);
        await store.InitializeAsync(cancellationToken);
        var live = await store.CountLiveSilosAsync(SiloConfiguration.Silo().ClusterId, TimeSpan.FromMinutes(1), cancellationToken);
        if (live > 0)
        {
            throw new CliException($"{live} silo{(live == 1 ? " is" : "s are")} running on this PostgreSQL: run the command against them with --cluster instead of --postgres.");
        }
    }

    /// <summary>Warnings and worse, on stderr so that --json output on stdout stays parseable; the command itself reports storage trouble.</summary>
    private static ILoggerFactory StderrLoggers() => LoggerFactory.Create(b => b
        .SetMinimumLevel(LogLevel.Warning)
        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync(CancellationToken.None);
            await _host.DisposeAsync();
        }

        if (_client is not null)
        {
            await _client.DisposeAsync();
        }
    }
}
