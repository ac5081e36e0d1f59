using System.Buffers;
using Tracking.Domain.Identity;
using Tracking.Grains.Accounts;

namespace Tracking.Grains.Matching;

/// <summary>A taxpayer's identity as the match index files it.</summary>
// Aliases new with this shape: a silo of the version before (which filed the key in the record) refuses it rather than reading one field as another.
[GenerateSerializer, Immutable, Alias("indexed-taxpayer-record")]
public sealed record IndexedTaxpayer(string TaxpayerId, string Name, BirthDate? Birth, string? Phone, string? RrnHash) : IPackedRecord<IndexedTaxpayer>
{
    public string Id => TaxpayerId;

    public static IndexedTaxpayer Of(TaxpayerIdentity identity, string name) => new(identity.TaxpayerId, name, identity.Birth, identity.Phone, identity.RrnHash);

    public void Pack(IBufferWriter<byte> writer) => PackedFields.WriteIdentity(writer, Id, Name, Birth, Phone, RrnHash);

    public static IndexedTaxpayer Unpack(ReadOnlySpan<byte> packed)
    {
        var (id, name, birth, phone, rrnHash) = PackedFieldReader.Identity(packed);
        return new(id, name!, birth, phone, rrnHash);
    }

    public TaxpayerIdentity Identity() => new(TaxpayerId, PersonName.Parse(Name), Birth, Phone, RrnHash);
}

/// <summary>An account holder's identity as the match index files it.</summary>
[GenerateSerializer, Immutable, Alias("indexed-account-record")]
public sealed record IndexedAccount(string Exchange, string AccountId, string? Name, BirthDate? Birth, string? Phone, string? RrnHash) : IPackedRecord<IndexedAccount>
{
    public string Id => AccountKey.Of(Exchange, AccountId);

    public static IndexedAccount Of(AccountIdentity identity, string? name) => new(identity.Exchange, identity.AccountId, name, identity.Birth, identity.Phone, identity.RrnHash);

    public void Pack(IBufferWriter<byte> writer) => PackedFields.WriteIdentity(writer, Id, Name, Birth, Phone, RrnHash);

    public static IndexedAccount Unpack(ReadOnlySpan<byte> packed)
    {
        var (id, name, birth, phone, rrnHash) = PackedFieldReader.Identity(packed);
        var (exchange, accountId) = AccountKey.Parse(id);
        return new(exchange, accountId, name, birth, phone, rrnHash);
    }

    public AccountIdentity Identity() => new(Exchange, AccountId, PersonName.Parse(Name), Birth, Phone, RrnHash);
}
