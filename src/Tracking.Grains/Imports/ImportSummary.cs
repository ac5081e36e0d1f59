using Tracking.Ingest.Files;

namespace Tracking.Grains.Imports;

/// <summary>
/// What an import did: rows read, records in them, and how many were new, changed or already
/// known (a file imported twice is all unchanged the second time), plus every row problem.
/// </summary>
public sealed record ImportSummary(
    string What,
    int Rows,
    int Records,
    int New,
    int Changed,
    int Unchanged,
    IReadOnlyList<RowProblem> Problems)
{
    public int Rejected => Problems.Count(p => p.Rejected);
}
