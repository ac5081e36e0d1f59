namespace Tracking.Grains.Taxpayers;

/// <summary>
/// How a cancelled seizure's money left the ledger: <paramref name="TakenBack"/> had paid the debt
/// and is owed again; <paramref name="RefundedBefore"/> had been refunded as excess. Both are 0
/// when the money was only held.
/// </summary>
[GenerateSerializer, Immutable, Alias("proceeds-return")]
public sealed record ProceedsReturn(long TakenBack, long RefundedBefore);
