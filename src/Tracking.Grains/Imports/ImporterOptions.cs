namespace Tracking.Grains.Imports;

public sealed class ImporterOptions
{
    /// <summary>Grain calls in flight at once during an import. Default 64.</summary>
    public int Parallelism { get; set; } = 64;

    /// <summary>Records offered to bulk creation at once (one transaction, between progress reports). Default 2,000.</summary>
    public int BulkChunkSize { get; set; } = 2_000;

    /// <summary>
    /// Bulk-creation chunks in flight at once. Default 2: one chunk is serialized while another is
    /// committed, and PostgreSQL runs each statement on one core.
    /// </summary>
    public int BulkParallelism { get; set; } = 2;
}
