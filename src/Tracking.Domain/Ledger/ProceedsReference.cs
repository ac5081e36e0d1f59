namespace Tracking.Domain.Ledger;

/// <summary>
/// The reference a seizure's money carries in the taxpayer's ledger: the seizure's id, then the
/// exchange's transfer reference. It ties the money to the seizure that may give it back.
/// </summary>
public static class ProceedsReference
{
    public static string Of(string seizureId, string transferReference) => $"{seizureId}/{transferReference}";

    public static bool IsOf(string seizureId, string reference) => reference.StartsWith(seizureId + "/", StringComparison.Ordinal);
}
