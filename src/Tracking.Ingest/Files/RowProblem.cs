namespace Tracking.Ingest.Files;

/// <summary>
/// Something wrong with one row of an input file. <paramref name="Rejected"/>: the row was left out;
/// otherwise it was kept without the offending field. The reason quotes the file, so it is kept
/// printable (<see cref="PrintableText"/>).
/// </summary>
public sealed record RowProblem(string File, int Line, string Reason, bool Rejected)
{
    public string File { get; } = PrintableText.Clean(File, 200);

    public string Reason { get; } = PrintableText.Clean(Reason);

    public override string ToString() => $"{File}:{Line}: {(Rejected ? "rejected" : "warning")}: {Reason}";
}
