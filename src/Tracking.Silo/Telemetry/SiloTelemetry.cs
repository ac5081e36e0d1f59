using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Tracking.Grains;
using Tracking.Grains.Exchanges;
using Tracking.Runtime.Diagnostics;

namespace Tracking.Silo.Telemetry;

/// <summary>
/// The silo's telemetry, built with the SDK's own builders (the hosting extension is not available
/// here). Metrics are always aggregated, for the metrics endpoint and the operator page; with a
/// collector, traces (the runtime's, the exchange requests', the HTTP server's and client's),
/// metrics and logs also go over OTLP (HTTP/protobuf). What is buffered is sent on disposal.
/// </summary>
public sealed class SiloTelemetry : IDisposable
{
    /// <summary>The collector's root address, e.g. http://127.0.0.1:4318 (OpenTelemetry's own variable).</summary>
    public const string Variable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private const string ServiceName = "tracking-silo";

    private static readonly string[] s_sources = [RuntimeTelemetry.Name, ExchangeTelemetry.Name, "Microsoft.AspNetCore", "System.Net.Http"];
    private static readonly string[] s_meters = [RuntimeTelemetry.Name, ExchangeTelemetry.Name, CollectionTelemetry.Name];

    private readonly MetricsSnapshotExporter _snapshots;
    private readonly MeterProvider _metrics;
    private readonly TracerProvider? _traces;

    public SiloTelemetry(Uri? collector, string serviceInstance)
    {
        var resource = Resource(serviceInstance);
        _snapshots = new MetricsSnapshotExporter();
        var metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(s_meters)
            .AddReader(new BaseExportingMetricReader(_snapshots));
        if (collector is not null)
        {
            metrics.AddOtlpExporter(o => Configure(o, collector, "v1/metrics"));
            _traces = Sdk.CreateTracerProviderBuilder()
                .SetResourceBuilder(resource)
                .AddSource(s_sources)
                .AddOtlpExporter(o => Configure(o, collector, "v1/traces"))
                .Build();
        }

        _metrics = metrics.Build();
    }

    public static Uri? CollectorFromEnvironment() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } url ? new Uri(url.EndsWith('/') ? url : url + "/") : null;

    /// <summary>
    /// Every log line carries the trace and span it was written in; with a collector, log records
    /// also go over OTLP, where the trace id is a field of its own.
    /// </summary>
    public static void ConfigureLogging(ILoggingBuilder logging, Uri? collector, string serviceInstance)
    {
        logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        if (collector is not null)
        {
            logging.AddOpenTelemetry(o =>
            {
                o.SetResourceBuilder(Resource(serviceInstance));
                o.AddOtlpExporter(e => Configure(e, collector, "v1/logs"));
            });
        }
    }

    /// <summary>This process's metrics now, cumulative since it started.</summary>
    public MetricsSnapshot Read() => _snapshots.Read();

    public void Dispose()
    {
        _traces?.Dispose();
        _metrics.Dispose();
    }

    private static ResourceBuilder Resource(string serviceInstance) =>
        ResourceBuilder.CreateDefault().AddService(ServiceName, serviceInstanceId: serviceInstance);

    private static void Configure(OtlpExporterOptions options, Uri collector, string signal)
    {
        options.Protocol = OtlpExportProtocol.HttpProtobuf;
        options.Endpoint = new Uri(collector, signal);
    }
}
