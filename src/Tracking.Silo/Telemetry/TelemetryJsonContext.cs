using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tracking.Silo.Telemetry;

/// <summary>JSON metadata for a silo's metrics and the cluster view, as the endpoints send them and <c>cluster top</c> reads them.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(MetricsSnapshot))]
[JsonSerializable(typeof(Tracking.Grains.Operations.ClusterView))]
public sealed partial class TelemetryJsonContext : JsonSerializerContext;
