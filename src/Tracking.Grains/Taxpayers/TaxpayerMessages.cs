using Tracking.Domain.Ledger;
using Tracking.Runtime;

namespace Tracking.Grains.Taxpayers;

/// <summary>Adds tax items from the roll; items already present unchanged are skipped, so a re-import changes nothing.</summary>
public sealed record AssessTaxItems(IReadOnlyList<TaxItem> Items) : IGrainCall<ITaxpayerGrain, TaxpayerView>;

/// <summary>Applies a payment in the legal order; the same reference twice is applied once.</summary>
public sealed record ReceivePayment(string Reference, long Amount, string Source) : IGrainCall<ITaxpayerGrain, PaymentReceipt>;

public sealed record GetTaxpayer : IGrainCall<ITaxpayerGrain, TaxpayerView>;

public sealed record GetTaxpayerHistory : IGrainCall<ITaxpayerGrain, IReadOnlyList<TaxpayerHistoryEntry>>;
