namespace Tracking.Ingest.Files;

/// <summary>
/// Something wrong with one row of an input file. <paramref name="Rejected"/>: the row was left out;
/// otherwise it was kept without the offending field.
/// </summary>
public sealed record RowProblem(string File, int Line, string Reason, bool Rejected)
{
    public override string ToString() => $"{File}:{Line}: {(Rejected ? "rejected" : "warning")}: {Reason}";
}
