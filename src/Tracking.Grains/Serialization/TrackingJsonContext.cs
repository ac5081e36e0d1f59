using System.Text.Json.Serialization;
using Tracking.Domain.Ledger;
using Tracking.Grains.Taxpayers;

namespace Tracking.Grains.Serialization;

/// <summary>Source-generated JSON metadata for every grain state, event and message that is stored or sent.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(TaxpayerLedger))]
[JsonSerializable(typeof(TaxpayerEvent))]
[JsonSerializable(typeof(TaxItemAssessed))]
[JsonSerializable(typeof(PaymentApplied))]
[JsonSerializable(typeof(TaxpayerView))]
[JsonSerializable(typeof(ReceivePayment))]
[JsonSerializable(typeof(PaymentReceipt))]
[JsonSerializable(typeof(IReadOnlyList<TaxpayerHistoryEntry>))]
public sealed partial class TrackingJsonContext : JsonSerializerContext;
