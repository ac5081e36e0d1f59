using Tracking.Domain.Identity;

namespace Tracking.Domain.Taxpayers;

/// <summary>A taxpayer as the roll describes them. The RRN is kept only as keyed hash and mask.</summary>
public sealed record TaxpayerProfile(
    string TaxpayerId,
    string Name,
    string? RrnHash,
    string? RrnMasked,
    DateOnly? BirthDate,
    string? Phone,
    string? Address)
{
    public TaxpayerIdentity Identity() =>
        new(TaxpayerId, PersonName.Parse(Name), BirthDate is { } b ? Tracking.Domain.Identity.BirthDate.Of(b) : null, Phone, RrnHash);
}
