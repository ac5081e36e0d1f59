using System.Text.Json.Serialization;
using Tracking.Grains.Seizures;
using Tracking.Grains.Suspense;
using Tracking.Grains.Taxpayers;

namespace Tracking.Grains.Serialization;

/// <summary>
/// JSON of read-model rows: camelCase, as the case API returns them unchanged, and as the view
/// fields name them.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(CaseRow))]
[JsonSerializable(typeof(ReceiptRow))]
[JsonSerializable(typeof(ReviewRow))]
[JsonSerializable(typeof(SuspenseRow))]
public sealed partial class ViewJsonContext : JsonSerializerContext;
