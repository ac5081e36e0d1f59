using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tracking.Grains;
using Tracking.Grains.Seizures;
using Tracking.Runtime.Hosting;
using Tracking.Silo.Hosting;

namespace Tracking.Cli.Commands;

/// <summary>A silo running inside the CLI process for the length of one command.</summary>
internal sealed class EmbeddedSilo : IAsyncDisposable
{
    private readonly ILoggerFactory _loggers;

    private EmbeddedSilo(Runtime.Hosting.Silo silo, ILoggerFactory loggers)
    {
        Silo = silo;
        _loggers = loggers;
    }

    public Runtime.Hosting.Silo Silo { get; }

    /// <summary>Starts a silo on the command's storage; throws <see cref="Runtime.Persistence.StorageUnavailableException"/> if it cannot be reached.</summary>
    public static async Task<EmbeddedSilo> StartAsync(ParseResult result, CancellationToken cancellationToken)
    {
        // Logs go to stderr so that --json output on stdout stays parseable.
        var loggers = LoggerFactory.Create(b => b
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Tracking.Runtime.Hosting.Silo", LogLevel.Critical)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        var services = new ServiceCollection()
            .AddSingleton(loggers)
            .AddTrackingGrainServices(GlobalOptions.Exchanges(result), new SeizureOptions())
            .BuildServiceProvider();
        var silo = TrackingSilo.Create(GlobalOptions.Storage(result).CreateProvider(), loggers, services: services);
        await silo.StartAsync(cancellationToken);
        if (silo.Status != SiloStatus.Running)
        {
            try
            {
                // A one-shot command does not wait for storage to come back: say why and stop.
                silo.ThrowIfNotRunning();
            }
            finally
            {
                await silo.DisposeAsync();
                loggers.Dispose();
            }
        }

        return new EmbeddedSilo(silo, loggers);
    }

    public async ValueTask DisposeAsync()
    {
        await Silo.DisposeAsync();
        _loggers.Dispose();
    }
}
