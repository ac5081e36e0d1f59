using Tracking.Domain.Ledger;

namespace Tracking.Grains.Taxpayers;

/// <summary>How a payment was applied. <paramref name="Duplicate"/>: this reference had been applied before, nothing changed.</summary>
[GenerateSerializer, Immutable, Alias("payment-receipt")]
public sealed record PaymentReceipt(string Reference, bool Duplicate, IReadOnlyList<Allocation> Allocations, long Refund, long OutstandingAfter);
