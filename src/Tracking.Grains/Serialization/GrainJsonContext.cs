using System.Text.Json.Serialization;
using Tracking.Grains.Imports;
using Tracking.Grains.Seizures;
using Tracking.Grains.Suspense;
using Tracking.Grains.Sweeps;

namespace Tracking.Grains.Serialization;

/// <summary>Source-generated JSON metadata for the grains' own states and events and the tools' summaries.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(SweepState))]
[JsonSerializable(typeof(SweepEvent))]
[JsonSerializable(typeof(SweepCompleted))]
[JsonSerializable(typeof(SweepCandidatesFound))]
[JsonSerializable(typeof(ImportSummary))]
[JsonSerializable(typeof(PaymentImportSummary))]
[JsonSerializable(typeof(PaymentOutcome))]
[JsonSerializable(typeof(IReadOnlyList<SuspenseRow>))]
[JsonSerializable(typeof(SeizeSummary))]
[JsonSerializable(typeof(CaseDetail))]
public sealed partial class GrainJsonContext : JsonSerializerContext;
