using Tracking.Domain.Identity;

namespace Tracking.Grains.Matching;

/// <summary>
/// A record filed in the match index under one of its blocking keys; <paramref name="First"/> under
/// the first of them (the shard that owns it). A record's entries share one record object (an
/// immutable record, so Orleans passes it between grains of a silo uncopied): the silo that reads
/// the store holds each record once however many keys it has, and so does another silo, whose
/// entries reach it in one call (<see cref="IMatchFilerGrain"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("index-entry`1")]
public readonly record struct IndexEntry<TRecord>([property: Id(0)] BlockKey Key, [property: Id(1)] TRecord Record, [property: Id(2)] bool First)
    where TRecord : class;

/// <summary>A taxpayer's identity as the match index files it.</summary>
// Aliases new with this shape: a silo of the version before (which filed the key in the record) refuses it rather than reading one field as another.
[GenerateSerializer, Immutable, Alias("indexed-taxpayer-record")]
public sealed record IndexedTaxpayer(string TaxpayerId, string Name, BirthDate? Birth, string? Phone, string? RrnHash)
{
    /// <summary>The taxpayer's entries, one under each of its keys.</summary>
    public static IEnumerable<IndexEntry<IndexedTaxpayer>> For(TaxpayerIdentity identity, string name)
    {
        var record = new IndexedTaxpayer(identity.TaxpayerId, name, identity.Birth, identity.Phone, identity.RrnHash);
        return Domain.Matching.BlockingKeys.For(identity).Select((key, i) => new IndexEntry<IndexedTaxpayer>(BlockKey.Of(key), record, i == 0));
    }

    public TaxpayerIdentity Identity() => new(TaxpayerId, PersonName.Parse(Name), Birth, Phone, RrnHash);
}

/// <summary>An account holder's identity as the match index files it.</summary>
[GenerateSerializer, Immutable, Alias("indexed-account-record")]
public sealed record IndexedAccount(string Exchange, string AccountId, string? Name, BirthDate? Birth, string? Phone, string? RrnHash)
{
    /// <summary>The account's entries, one under each of its keys.</summary>
    public static IEnumerable<IndexEntry<IndexedAccount>> For(AccountIdentity identity, string? name)
    {
        var record = new IndexedAccount(identity.Exchange, identity.AccountId, name, identity.Birth, identity.Phone, identity.RrnHash);
        return Domain.Matching.BlockingKeys.For(identity).Select((key, i) => new IndexEntry<IndexedAccount>(BlockKey.Of(key), record, i == 0));
    }

    public AccountIdentity Identity() => new(Exchange, AccountId, PersonName.Parse(Name), Birth, Phone, RrnHash);
}
