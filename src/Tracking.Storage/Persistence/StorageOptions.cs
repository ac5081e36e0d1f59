namespace Tracking.Storage.Persistence;

/// <summary>How a silo batches durable writes, and the reads that activate grains.</summary>
public sealed class StorageOptions
{
    /// <summary>Most writes committed in one transaction. Default 256.</summary>
    public int MaxWriteBatchSize { get; set; } = 256;

    /// <summary>
    /// Batches committed at once, each on its own connection. Default 4; an embedded (SQLite)
    /// store has one writer whatever this says.
    /// </summary>
    public int WriterConcurrency { get; set; } = 4;

    /// <summary>Most grain states read in one round trip when grains activate. Default 256.</summary>
    public int MaxReadBatchSize { get; set; } = 256;

    /// <summary>Read batches in flight at once. Default 4.</summary>
    public int ReaderConcurrency { get; set; } = 4;

    /// <summary>Most grains created in one transaction by a bulk load. Default 2,000.</summary>
    public int MaxBulkBatchSize { get; set; } = 2_000;
}
