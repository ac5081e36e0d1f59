using System.Text.Json.Serialization;
using Tracking.Silo.Scenarios;

namespace Tracking.Cli.Output;

/// <summary>JSON metadata for results only the command line writes.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(ScenarioReport))]
[JsonSerializable(typeof(Tracking.Grains.Operations.ClusterView))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
