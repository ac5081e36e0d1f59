using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Tracking.Grains.Exchanges;
using Tracking.Runtime.Diagnostics;

namespace Tracking.Silo.Hosting;

/// <summary>
/// Sends the silo's traces (the runtime's and the exchange requests' spans with the HTTP server's and client's) and metrics
/// over OTLP (HTTP/protobuf) to a collector, when one is configured. Built with the SDK's own
/// builders, as the hosting extension is not available here; what is buffered is sent on disposal.
/// </summary>
public sealed class TelemetryExport : IDisposable
{
    /// <summary>The collector's root address, e.g. http://127.0.0.1:4318 (OpenTelemetry's own variable).</summary>
    public const string Variable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private readonly TracerProvider _traces;
    private readonly MeterProvider _metrics;

    public TelemetryExport(Uri collector, string serviceInstance)
    {
        var resource = ResourceBuilder.CreateDefault().AddService("tracking-silo", serviceInstanceId: serviceInstance);
        _traces = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(RuntimeTelemetry.Name, ExchangeTelemetry.Name, "Microsoft.AspNetCore", "System.Net.Http")
            .AddOtlpExporter(o => Configure(o, collector, "v1/traces"))
            .Build();
        _metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(RuntimeTelemetry.Name, ExchangeTelemetry.Name)
            .AddOtlpExporter(o => Configure(o, collector, "v1/metrics"))
            .Build();
    }

    public static Uri? CollectorFromEnvironment() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } url ? new Uri(url.EndsWith('/') ? url : url + "/") : null;

    public void Dispose()
    {
        _traces.Dispose();
        _metrics.Dispose();
    }

    private static void Configure(OtlpExporterOptions options, Uri collector, string signal)
    {
        options.Protocol = OtlpExportProtocol.HttpProtobuf;
        options.Endpoint = new Uri(collector, signal);
    }
}
