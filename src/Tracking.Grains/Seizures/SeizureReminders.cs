namespace Tracking.Grains.Seizures;

/// <summary>The names of a seizure's Orleans reminders.</summary>
public static class SeizureReminders
{
    /// <summary>
    /// The one reminder an open seizure keeps for itself, due when it must next act on its own:
    /// a deadline (end of the sale warning period, a distribution date) or a request to send again.
    /// </summary>
    public const string Wake = "wake";

    /// <summary>Reminders a taxpayer sets on its seizures when the debt changes; each change has its own name.</summary>
    public const string ReviewPrefix = "review:";
}
