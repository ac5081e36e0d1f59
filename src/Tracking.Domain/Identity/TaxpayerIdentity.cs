namespace Tracking.Domain.Identity;

/// <summary>What the roll says identifies a taxpayer. The RRN is present only as its keyed hash.</summary>
public sealed record TaxpayerIdentity(string TaxpayerId, PersonName Name, BirthDate? Birth, string? Phone, string? RrnHash);
