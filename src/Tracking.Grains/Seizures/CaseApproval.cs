namespace Tracking.Grains.Seizures;

/// <summary>What a case waits for a supervisor to approve.</summary>
public enum CaseApproval
{
    None,
    Sale,
    Cancellation,
}
