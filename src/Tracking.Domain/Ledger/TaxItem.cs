namespace Tracking.Domain.Ledger;

/// <summary>One assessed tax item of a taxpayer, amounts in whole won.</summary>
public sealed record TaxItem(string ItemId, string TaxType, DateOnly DueDate, long Principal, long Penalty, long Costs)
{
    public long Total => Principal + Penalty + Costs;

    public long Amount(TaxComponent component) => component switch
    {
        TaxComponent.Costs => Costs,
        TaxComponent.Principal => Principal,
        TaxComponent.Penalty => Penalty,
        _ => throw new ArgumentOutOfRangeException(nameof(component)),
    };

    /// <summary>Why this item cannot be assessed, or null when it is well formed.</summary>
    public string? Problem() =>
        string.IsNullOrWhiteSpace(ItemId) ? "the item id is empty"
        : Principal < 0 || Penalty < 0 || Costs < 0 ? $"item {ItemId} has a negative amount"
        : Principal > Won.Max || Penalty > Won.Max || Costs > Won.Max || Total > Won.Max ? $"item {ItemId} comes to more than {Won.Format(Won.Max)}, the most a ledger holds"
        : Total == 0 ? $"item {ItemId} owes nothing"
        : null;
}
