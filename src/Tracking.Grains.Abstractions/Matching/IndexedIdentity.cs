using Tracking.Domain.Identity;

namespace Tracking.Grains.Matching;

/// <summary>An identity filed in the match index under one of its blocking keys.</summary>
public interface IIndexEntry
{
    /// <summary>The blocking key: which shard the entry goes to, and which block there.</summary>
    BlockKey Key { get; }
}

/// <summary>A taxpayer's identity filed under one of its blocking keys; <paramref name="First"/> under the first of them (the shard that owns it).</summary>
[GenerateSerializer, Immutable, Alias("indexed-taxpayer")]
public sealed record IndexedTaxpayer(BlockKey Key, string TaxpayerId, string Name, BirthDate? Birth, string? Phone, string? RrnHash, bool First) : IIndexEntry
{
    public static IEnumerable<IndexedTaxpayer> For(TaxpayerIdentity identity, string name) =>
        Domain.Matching.BlockingKeys.For(identity).Select((key, i) => new IndexedTaxpayer(BlockKey.Of(key), identity.TaxpayerId, name, identity.Birth, identity.Phone, identity.RrnHash, i == 0));

    public TaxpayerIdentity Identity() => new(TaxpayerId, PersonName.Parse(Name), Birth, Phone, RrnHash);
}

/// <summary>An account holder's identity filed under one of its blocking keys; <paramref name="First"/> under the first of them (the shard that owns it).</summary>
[GenerateSerializer, Immutable, Alias("indexed-account")]
public sealed record IndexedAccount(BlockKey Key, string Exchange, string AccountId, string? Name, BirthDate? Birth, string? Phone, string? RrnHash, bool First) : IIndexEntry
{
    public static IEnumerable<IndexedAccount> For(AccountIdentity identity, string? name) =>
        Domain.Matching.BlockingKeys.For(identity).Select((key, i) => new IndexedAccount(BlockKey.Of(key), identity.Exchange, identity.AccountId, name, identity.Birth, identity.Phone, identity.RrnHash, i == 0));

    public AccountIdentity Identity() => new(Exchange, AccountId, PersonName.Parse(Name), Birth, Phone, RrnHash);
}
