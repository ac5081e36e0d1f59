using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tracking.Grains;
using Tracking.Runtime.Hosting;
using Tracking.Silo.Hosting;

namespace Tracking.Cli.Commands;

/// <summary>
/// A silo running inside the CLI process for the length of one command. A command that talks to
/// the exchanges also listens on a loopback port, so their answers reach it while it runs.
/// </summary>
internal sealed class EmbeddedSilo : IAsyncDisposable
{
    private readonly ILoggerFactory? _loggers;
    private readonly WebApplication? _host;

    private EmbeddedSilo(Runtime.Hosting.Silo silo, ILoggerFactory? loggers, WebApplication? host)
    {
        Silo = silo;
        _loggers = loggers;
        _host = host;
    }

    public Runtime.Hosting.Silo Silo { get; }

    /// <summary>Starts a silo on the command's storage; throws <see cref="Runtime.Persistence.StorageUnavailableException"/> if it cannot be reached.</summary>
    public static async Task<EmbeddedSilo> StartAsync(ParseResult result, bool listen, CancellationToken cancellationToken)
    {
        EmbeddedSilo embedded;
        if (result.GetValue(GlobalOptions.Cluster) is { Length: > 0 } cluster)
        {
            // A client of the cluster: it hosts nothing and sends every call to the silos, which
            // also take the exchanges' answers, so it never needs to listen.
            var clientLoggers = StderrLoggers();
            var client = TrackingSilo.Create(new Runtime.Postgres.PostgresStorageProvider(cluster), clientLoggers, configure: o => o.Cluster.ClientOnly = true);
            await client.StartAsync(cancellationToken);
            embedded = new EmbeddedSilo(client, clientLoggers, null);
        }
        // On PostgreSQL the silo is a cluster member, which other silos must be able to call.
        else if (listen || GlobalOptions.Storage(result).PostgresConnectionString is { Length: > 0 })
        {
            var host = SiloWebHost.Build(new SiloHostSettings(GlobalOptions.Storage(result).CreateProvider, "http://127.0.0.1:0")
            {
                Exchanges = GlobalOptions.Exchanges(result),
                MinimumLogLevel = LogLevel.Warning,
            });
            await host.StartAsync(cancellationToken);
            embedded = new EmbeddedSilo(host.Services.GetRequiredService<Runtime.Hosting.Silo>(), null, host);
        }
        else
        {
            var loggers = StderrLoggers();
            var services = new ServiceCollection()
                .AddSingleton(loggers)
                .AddTrackingGrainServices(GlobalOptions.Exchanges(result), SiloConfiguration.Seizures())
                .BuildServiceProvider();
            var silo = TrackingSilo.Create(GlobalOptions.Storage(result).CreateProvider(), loggers, services: services);
            await silo.StartAsync(cancellationToken);
            embedded = new EmbeddedSilo(silo, loggers, null);
        }

        if (embedded.Silo.Status != SiloStatus.Running)
        {
            try
            {
                // A one-shot command does not wait for storage to come back: say why and stop.
                embedded.Silo.ThrowIfNotRunning();
            }
            finally
            {
                await embedded.DisposeAsync();
            }
        }

        return embedded;
    }

    /// <summary>Warnings and worse, on stderr so that --json output on stdout stays parseable; the command itself reports storage trouble.</summary>
    private static ILoggerFactory StderrLoggers() => LoggerFactory.Create(b => b
        .SetMinimumLevel(LogLevel.Warning)
        .AddFilter("Tracking.Runtime.Hosting.Silo", LogLevel.Critical)
        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync(CancellationToken.None);
            await _host.DisposeAsync();
        }
        else
        {
            await Silo.DisposeAsync();
            _loggers?.Dispose();
        }
    }
}
