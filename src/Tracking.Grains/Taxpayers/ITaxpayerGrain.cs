using Tracking.Runtime;

namespace Tracking.Grains.Taxpayers;

/// <summary>A delinquent taxpayer's ledger: tax items from the roll and payments from any source. Keyed by taxpayer id.</summary>
public interface ITaxpayerGrain : IGrain;
