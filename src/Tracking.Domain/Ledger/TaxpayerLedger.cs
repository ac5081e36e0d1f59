namespace Tracking.Domain.Ledger;

/// <summary>
/// A taxpayer's tax items and the payments applied to them. <see cref="PaymentReferences"/>
/// remembers every payment already applied, so a payment delivered twice counts once.
/// </summary>
public sealed record TaxpayerLedger(
    string TaxpayerId,
    IReadOnlyList<ItemBalance> Items,
    IReadOnlyList<string> PaymentReferences,
    long TotalReceived,
    long TotalRefundDue)
{
    public static TaxpayerLedger Empty(string taxpayerId) => new(taxpayerId, [], [], 0, 0);

    public long Outstanding => Items.Sum(i => i.TotalOutstanding);

    public long OutstandingOf(TaxComponent component) => Items.Sum(i => i.Outstanding(component));

    public ItemBalance? Find(string itemId) => Items.FirstOrDefault(i => i.Item.ItemId == itemId);
}
