using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Tracking.Grains;
using Tracking.Grains.Exchanges;
using Tracking.Storage.Diagnostics;

namespace Tracking.Silo.Telemetry;

/// <summary>
/// The silo's telemetry, with OpenTelemetry's hosting: Tracking's and Orleans' metrics always
/// aggregated — for Prometheus at <c>/metrics</c>, and in-process for the silo's own figures —;
/// traces always carried from HTTP requests through grain calls (so log lines name them); and,
/// with a collector, traces (Tracking's, Orleans' grain calls, the HTTP server's and client's),
/// metrics and logs sent over OTLP (HTTP/protobuf).
/// </summary>
public sealed class SiloTelemetry
{
    /// <summary>The collector's root address, e.g. http://127.0.0.1:4318 (OpenTelemetry's own variable).</summary>
    public const string Variable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private const string ServiceName = "tracking-silo";

    private static readonly string[] s_sources = [StorageTelemetry.Name, ExchangeTelemetry.Name, "Microsoft.Orleans.Application", "Microsoft.Orleans.Runtime", "Microsoft.AspNetCore", "System.Net.Http"];
    private static readonly string[] s_meters = [GrainCallMonitor.Name, StorageTelemetry.Name, ExchangeTelemetry.Name, CollectionTelemetry.Name];

    /// <summary>Orleans makes its meter from the host's meter factory: one per silo, all of the same name.</summary>
    private const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>The name OpenTelemetry's hosting gives its metrics listener.</summary>
    private const string OpenTelemetryListener = "OpenTelemetry";

    private readonly MetricsSnapshotExporter _snapshots = new();

    public static Uri? CollectorFromEnvironment() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } url ? new Uri(url.EndsWith('/') ? url : url + "/") : null;

    /// <summary>
    /// Adds the silo's telemetry to its host. Every log line carries the trace and span it was
    /// written in; with a collector, log records also go over OTLP, where the trace id is a field of its own.
    /// </summary>
    public static void Add(WebApplicationBuilder builder, Uri? collector, string serviceInstance)
    {
        var telemetry = new SiloTelemetry();
        builder.Services.AddSingleton(telemetry);
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        // Orleans' instruments are taken from this host's meter only (local scope). Named in AddMeter,
        // they would be taken from every silo host in the process, merged by name, and dropped
        // altogether when any other host stopped and disposed of its meter.
        builder.Metrics.EnableMetrics(OrleansMeter, instrumentName: null, listenerName: OpenTelemetryListener, scopes: MeterScope.Local);
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceInstanceId: serviceInstance))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(s_meters).AddReader(new BaseExportingMetricReader(telemetry._snapshots)).AddPrometheusExporter();
                if (collector is not null)
                {
                    metrics.AddOtlpExporter(o => Configure(o, collector, "v1/metrics"));
                }
            });
        otel.WithTracing(traces =>
        {
            traces.AddSource(s_sources);
            if (collector is null)
            {
                // Nothing is recorded, but every request and grain call still carries its trace, so log lines name it.
                traces.SetSampler(new AlwaysOffSampler());
            }
            else
            {
                traces.AddOtlpExporter(o => Configure(o, collector, "v1/traces"));
            }
        });
        if (collector is not null)
        {
            otel.WithLogging(logs => logs.AddOtlpExporter(o => Configure(o, collector, "v1/logs")));
        }
    }

    /// <summary>This process's metrics now, cumulative since it started.</summary>
    public MetricsSnapshot Read() => _snapshots.Read();

    private static void Configure(OtlpExporterOptions options, Uri collector, string signal)
    {
        options.Protocol = OtlpExportProtocol.HttpProtobuf;
        options.Endpoint = new Uri(collector, signal);
    }
}
