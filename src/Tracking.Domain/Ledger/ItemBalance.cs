namespace Tracking.Domain.Ledger;

/// <summary>A tax item as assessed and what has been paid against each of its components.</summary>
public sealed record ItemBalance(TaxItem Item, long CostsPaid, long PrincipalPaid, long PenaltyPaid)
{
    public long Paid(TaxComponent component) => component switch
    {
        TaxComponent.Costs => CostsPaid,
        TaxComponent.Principal => PrincipalPaid,
        TaxComponent.Penalty => PenaltyPaid,
        _ => throw new ArgumentOutOfRangeException(nameof(component)),
    };

    public long Outstanding(TaxComponent component) => Item.Amount(component) - Paid(component);

    public long TotalOutstanding => Item.Total - CostsPaid - PrincipalPaid - PenaltyPaid;

    public ItemBalance WithPayment(TaxComponent component, long amount) => component switch
    {
        TaxComponent.Costs => this with { CostsPaid = CostsPaid + amount },
        TaxComponent.Principal => this with { PrincipalPaid = PrincipalPaid + amount },
        TaxComponent.Penalty => this with { PenaltyPaid = PenaltyPaid + amount },
        _ => throw new ArgumentOutOfRangeException(nameof(component)),
    };
}
