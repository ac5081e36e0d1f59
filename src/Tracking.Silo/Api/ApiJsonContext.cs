using System.Text.Json;
using System.Text.Json.Serialization;
using Tracking.Grains.Imports;
using Tracking.Grains.Seizures;
using Tracking.Grains.Sweeps;
using Tracking.Silo.Access;

namespace Tracking.Silo.Api;

/// <summary>JSON metadata for what only the case API sends and receives.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ConsoleUser[]))]
[JsonSerializable(typeof(AccessRecord))]
[JsonSerializable(typeof(SignIn))]
[JsonSerializable(typeof(SessionInfo))]
[JsonSerializable(typeof(ReasonBody))]
[JsonSerializable(typeof(ReviewEvidence))]
[JsonSerializable(typeof(Dashboard))]
[JsonSerializable(typeof(ImportRecord))]
[JsonSerializable(typeof(CaseDetail))]
[JsonSerializable(typeof(SweepStatus))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
