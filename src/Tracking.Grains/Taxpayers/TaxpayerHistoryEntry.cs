using Tracking.Domain.Ledger;

namespace Tracking.Grains.Taxpayers;

public sealed record TaxpayerHistoryEntry(long Version, DateTimeOffset RecordedAt, TaxpayerEvent Event);
