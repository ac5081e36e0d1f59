namespace Tracking.Domain.Ledger;

/// <summary>An amount of a payment applied to one component of one tax item.</summary>
public sealed record Allocation(string ItemId, TaxComponent Component, long Amount);
