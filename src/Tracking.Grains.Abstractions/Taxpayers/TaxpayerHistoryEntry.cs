using Tracking.Domain.Ledger;

namespace Tracking.Grains.Taxpayers;

[GenerateSerializer, Immutable, Alias("taxpayer-history-entry")]
public sealed record TaxpayerHistoryEntry(long Version, DateTimeOffset RecordedAt, TaxpayerEvent Event);
