using Tracking.Domain.Identity;

namespace Tracking.Domain.Accounts;

/// <summary>An exchange account as the exchange's inquiry reply describes it: holder identity and holdings.</summary>
public sealed record AccountProfile(
    string Exchange,
    string AccountId,
    string? Name,
    BirthDate? Birth,
    string? Phone,
    string? RrnHash,
    string? RrnMasked,
    IReadOnlyList<Holding> Holdings)
{
    public AccountIdentity Identity() => new(Exchange, AccountId, PersonName.Parse(Name), Birth, Phone, RrnHash);

    public bool Equals(AccountProfile? other) =>
        other is not null && Exchange == other.Exchange && AccountId == other.AccountId && Name == other.Name && Birth == other.Birth
        && Phone == other.Phone && RrnHash == other.RrnHash && RrnMasked == other.RrnMasked && Holdings.SequenceEqual(other.Holdings);

    public override int GetHashCode() => HashCode.Combine(Exchange, AccountId, Name, Birth, Phone, RrnHash);
}
