using System.Text.Json.Serialization;
using Tracking.ExchangeApi.Simulator;

namespace Tracking.ExchangeApi;

/// <summary>The exchange API speaks snake_case JSON, like the exchanges it stands for.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CaseRequest))]
[JsonSerializable(typeof(CaseResponse))]
[JsonSerializable(typeof(CaseResult))]
[JsonSerializable(typeof(IReadOnlyList<CurrencyBalance>))]
[JsonSerializable(typeof(IReadOnlyList<Ticker>))]
[JsonSerializable(typeof(FaultOptions))]
[JsonSerializable(typeof(IReadOnlyList<SimAccountLoad>))]
[JsonSerializable(typeof(SimAccountState))]
[JsonSerializable(typeof(IReadOnlyList<SimRequestState>))]
[JsonSerializable(typeof(SimPending))]
[JsonSerializable(typeof(Dictionary<string, decimal>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, decimal>))]
[JsonSerializable(typeof(int))]
public sealed partial class ExchangeApiJson : JsonSerializerContext;
