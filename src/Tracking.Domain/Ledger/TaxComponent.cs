namespace Tracking.Domain.Ledger;

/// <summary>
/// The parts of a tax item, in the order money is applied to them
/// (지방세징수법 제4조: 체납처분비, then tax without penalties, then penalty taxes).
/// </summary>
public enum TaxComponent
{
    /// <summary>체납처분비: collection costs.</summary>
    Costs = 0,

    /// <summary>본세: the tax itself, without penalties.</summary>
    Principal = 1,

    /// <summary>가산세: penalty tax.</summary>
    Penalty = 2,
}
