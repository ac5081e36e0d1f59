using Tracking.Domain.Identity;

namespace Tracking.Grains.Matching;

/// <summary>A taxpayer's identity filed under one of its blocking keys.</summary>
[GenerateSerializer, Immutable, Alias("indexed-taxpayer")]
public sealed record IndexedTaxpayer(string Key, string TaxpayerId, string Name, BirthDate? Birth, string? Phone, string? RrnHash)
{
    public static IEnumerable<IndexedTaxpayer> For(TaxpayerIdentity identity, string name) =>
        Domain.Matching.BlockingKeys.For(identity).Select(key => new IndexedTaxpayer(key, identity.TaxpayerId, name, identity.Birth, identity.Phone, identity.RrnHash));

    public TaxpayerIdentity Identity() => new(TaxpayerId, PersonName.Parse(Name), Birth, Phone, RrnHash);
}

/// <summary>An account holder's identity filed under one of its blocking keys.</summary>
[GenerateSerializer, Immutable, Alias("indexed-account")]
public sealed record IndexedAccount(string Key, string Exchange, string AccountId, string? Name, BirthDate? Birth, string? Phone, string? RrnHash)
{
    public static IEnumerable<IndexedAccount> For(AccountIdentity identity, string? name) =>
        Domain.Matching.BlockingKeys.For(identity).Select(key => new IndexedAccount(key, identity.Exchange, identity.AccountId, name, identity.Birth, identity.Phone, identity.RrnHash));

    public AccountIdentity Identity() => new(Exchange, AccountId, PersonName.Parse(Name), Birth, Phone, RrnHash);
}
