namespace Tracking.Domain.Seizures;

/// <summary>Why a seizure was closed.</summary>
public enum SeizureOutcome
{
    /// <summary>The taxpayer's debt was paid or satisfied, by this seizure or from elsewhere.</summary>
    DebtSatisfied,

    /// <summary>Everything the account held was collected and debt remains.</summary>
    Exhausted,

    /// <summary>Withdrawn by the office, e.g. the account is not the taxpayer's.</summary>
    Cancelled,

    /// <summary>Could not proceed: the account is closed, unknown or empty.</summary>
    Rejected,
}
