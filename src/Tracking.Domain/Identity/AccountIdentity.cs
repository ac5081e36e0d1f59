namespace Tracking.Domain.Identity;

/// <summary>What an exchange says identifies an account holder; any field may be missing.</summary>
public sealed record AccountIdentity(string Exchange, string AccountId, PersonName Name, BirthDate? Birth, string? Phone, string? RrnHash);
