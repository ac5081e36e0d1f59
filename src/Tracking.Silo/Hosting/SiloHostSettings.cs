using Tracking.Grains.Exchanges;
using Tracking.Grains.Seizures;
using Tracking.Runtime.Hosting;
using Tracking.Runtime.Persistence;

namespace Tracking.Silo.Hosting;

/// <summary>What a silo host needs: where it listens, its store, its clock, and how it reaches the exchanges.</summary>
public sealed record SiloHostSettings(Func<IStorageProvider> Storage, string Urls)
{
    /// <summary>The grains' clock; a simulated one lets a scenario run months in seconds. Default the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Exchange addresses; the callback address defaults to this host's own once it listens.</summary>
    public ExchangeOptions Exchanges { get; init; } = new() { ApiRoot = ExchangeSettings.ApiRootFromEnvironment() };

    /// <summary>How seizures are worked. Default as the environment says (<see cref="SiloConfiguration"/>).</summary>
    public SeizureOptions Seizures { get; init; } = SiloConfiguration.Seizures();

    public Action<SiloOptions>? Configure { get; init; }

    /// <summary>Who may sign in to the case API and console, and what uploads need. Default: nobody may sign in.</summary>
    public Access.ConsoleOptions Console { get; init; } = new();

    /// <summary>Where other silos and cluster clients call this one (HTTP/2 only). Default loopback on a free port.</summary>
    public System.Net.IPEndPoint SiloEndpoint { get; init; } = new(System.Net.IPAddress.Loopback, 0);

    /// <summary>Where traces, metrics and logs are sent over OTLP; none when null. Default <see cref="Telemetry.SiloTelemetry.Variable"/>.</summary>
    public Uri? TelemetryCollector { get; init; } = Telemetry.SiloTelemetry.CollectorFromEnvironment();

    /// <summary>Log lines as JSON objects, with the trace and span each was written in, for a log shipper. Default false: one line of text each.</summary>
    public bool JsonLogs { get; init; }

    /// <summary>Log at this level and above. Default information.</summary>
    public Microsoft.Extensions.Logging.LogLevel MinimumLogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Information;
}
