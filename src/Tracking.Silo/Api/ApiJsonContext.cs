using System.Text.Json;
using System.Text.Json.Serialization;
using Tracking.Silo.Access;

namespace Tracking.Silo.Api;

/// <summary>JSON metadata for what only the case API sends and receives (grain views come from the grains' own metadata, first).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ConsoleUser[]))]
[JsonSerializable(typeof(AccessRecord))]
[JsonSerializable(typeof(SessionRevocation))]
[JsonSerializable(typeof(DataProtectionKey))]
[JsonSerializable(typeof(SignIn))]
[JsonSerializable(typeof(SessionInfo))]
[JsonSerializable(typeof(ReasonBody))]
[JsonSerializable(typeof(BulkApprovalBody))]
[JsonSerializable(typeof(BulkSaleApprovalBody))]
[JsonSerializable(typeof(BulkSaleApprovalSummary))]
[JsonSerializable(typeof(PaymentBody))]
[JsonSerializable(typeof(AssignmentBody))]
[JsonSerializable(typeof(UploadLimits))]
[JsonSerializable(typeof(UploadStatus))]
[JsonSerializable(typeof(ReviewEvidence))]
[JsonSerializable(typeof(Dashboard))]
[JsonSerializable(typeof(ImportRecord))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
