using System.Text.Json.Serialization;

namespace Tracking.ExchangeApi;

/// <summary>The exchange API speaks snake_case JSON, like the exchanges it stands for.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CaseRequest))]
[JsonSerializable(typeof(CaseResponse))]
[JsonSerializable(typeof(CaseResult))]
[JsonSerializable(typeof(IReadOnlyList<CurrencyBalance>))]
[JsonSerializable(typeof(IReadOnlyList<Ticker>))]
public sealed partial class ExchangeApiJson : JsonSerializerContext;
