using System.Net;
using Tracking.Grains.Exchanges;
using Tracking.Grains.Seizures;

namespace Tracking.Silo.Hosting;

/// <summary>What a silo host needs: where it listens, its store, its clock, and how it reaches the exchanges.</summary>
public sealed record SiloHostSettings(StorageSettings Storage, string Urls)
{
    /// <summary>The grains' and reminders' clock; a simulated one lets a scenario run months in seconds. Default the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Exchange addresses and the callback secret (default from the environment); the callback address defaults to this host's own once it listens.</summary>
    public ExchangeOptions Exchanges { get; init; } = new() { ApiRoot = ExchangeSettings.ApiRootFromEnvironment(), CallbackSecret = CallbackSecretStore.FromEnvironment() };

    /// <summary>How seizures are worked. Default as the environment says (<see cref="SiloConfiguration"/>).</summary>
    public SeizureOptions Seizures { get; init; } = SiloConfiguration.Seizures();

    /// <summary>How long the match index stays between sweeps. Default as the environment says (<see cref="SiloConfiguration"/>).</summary>
    public Grains.Matching.MatchIndexOptions MatchIndex { get; init; } = SiloConfiguration.MatchIndex();

    /// <summary>How the silo runs and finds the others. Default as the environment says (<see cref="SiloConfiguration"/>).</summary>
    public TrackingSiloOptions Silo { get; init; } = SiloConfiguration.Silo();

    /// <summary>Who may sign in to the case API and console, and what uploads need. Default: nobody may sign in.</summary>
    public Access.ConsoleOptions Console { get; init; } = new();

    /// <summary>Who issues the case documents, and how they are printed to PDF.</summary>
    public Grains.Documents.DocumentOptions Documents { get; init; } = new();

    /// <summary>The address other silos and clients reach this silo at. Default loopback.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>The port silos talk to each other on; 0 picks a free one. Default 0.</summary>
    public int SiloPort { get; init; }

    /// <summary>
    /// The port clients (<c>./tracking --cluster</c>) connect to; 0 picks a free one on a cluster
    /// store, and means none on an embedded one. Default 0.
    /// </summary>
    public int GatewayPort { get; init; }

    /// <summary>Where traces, metrics and logs are sent over OTLP; none when null. Default <see cref="Telemetry.SiloTelemetry.Variable"/>.</summary>
    public Uri? TelemetryCollector { get; init; } = Telemetry.SiloTelemetry.CollectorFromEnvironment();

    /// <summary>Log lines as JSON objects, with the trace and span each was written in, for a log shipper. Default false: one line of text each.</summary>
    public bool JsonLogs { get; init; }

    /// <summary>More services for the silo (a test's grain call filters, standing in for failures it cannot cause otherwise). Default none.</summary>
    public Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? Services { get; init; }

    /// <summary>Log at this level and above. Default information.</summary>
    public Microsoft.Extensions.Logging.LogLevel MinimumLogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Information;
}
