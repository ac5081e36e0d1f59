using Tracking.Grains.Accounts;
using Tracking.Grains.Taxpayers;
using Tracking.Ingest.Accounts;
using Tracking.Ingest.Roll;
using Tracking.Storage;
using Tracking.Storage.Persistence;

namespace Tracking.Grains.Imports;

/// <summary>
/// Loads parsed input files into grains: each taxpayer or account into its own grain, which a sweep
/// then reads its identity from. Every step is idempotent, so an import that is repeated, or
/// resumed after a crash, changes nothing twice.
/// </summary>
/// <remarks>
/// Given the store, grains that were never written are created in bulk straight into it (each
/// write succeeds only if nothing is stored for the grain yet, and an activation of a grain with
/// nothing stored does not outlive its call); a stored grain whose record is unchanged is told so
/// by its stored state; only the others get a message.
/// </remarks>
public sealed class Importer(IGrainFactory grains, GrainStateStore? bulk, TimeProvider time, ImporterOptions? options = null)
{
    private readonly ImporterOptions _options = options ?? new ImporterOptions();

    public async Task<ImportSummary> ImportRollAsync(RollFile roll, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var taxpayers = roll.Taxpayers.Select(t => (Profile: t, Items: roll.TaxItems.GetValueOrDefault(t.TaxpayerId) ?? [])).ToArray();
        var outcomes = await LoadAsync(
            taxpayers,
            TaxpayerGrain.TypeName,
            t => t.Profile.TaxpayerId,
            t => TaxpayerGrain.Creation(t.Profile, t.Items, time.GetUtcNow()),
            (t, stored) => TaxpayerGrain.TakesAsUnchanged(t.Profile, t.Items, stored),
            (id, t, ct) => grains.GetGrain<ITaxpayerGrain>(id).RegisterAsync(t.Profile, t.Items, ct),
            progress,
            cancellationToken);
        return Summarize("roll", "roll", roll.Rows, outcomes, roll.Problems);
    }

    public async Task<ImportSummary> ImportAccountsAsync(AccountFile file, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var outcomes = await LoadAsync(
            file.Accounts,
            ExchangeAccountGrain.TypeName,
            a => AccountKey.Of(a.Exchange, a.AccountId),
            a => ExchangeAccountGrain.Creation(a, time.GetUtcNow()),
            ExchangeAccountGrain.TakesAsUnchanged,
            (id, a, ct) => grains.GetGrain<IExchangeAccountGrain>(id).ReportAsync(a, ct),
            progress,
            cancellationToken);
        return Summarize("accounts", $"accounts of {file.Exchange}", file.Rows, outcomes, file.Problems);
    }

    private static ImportSummary Summarize(string file, string what, int rows, RecordOutcome[] outcomes, IReadOnlyList<Ingest.Files.RowProblem> problems)
    {
        var rejected = problems.Where(p => p.Rejected).Select(p => p.Line).Distinct().Count();
        CollectionTelemetry.RecordRows(file, rows - rejected, rejected);
        return new(
            what,
            rows,
            outcomes.Length,
            outcomes.Count(o => o == RecordOutcome.New),
            outcomes.Count(o => o == RecordOutcome.Changed),
            outcomes.Count(o => o == RecordOutcome.Unchanged),
            problems);
    }

    /// <summary>
    /// Creates the grains that were never written in bulk; counts as unchanged each stored grain
    /// whose current version took in this very record (its record hash, <see cref="StateWrite.RecordHash"/>),
    /// or, where that is not so, whose stored state its grain would take the record as no change in
    /// (read without an activation, and the hash then stored against the version read); sends each
    /// of the others its record. Importing a file again thus costs a hash read per record, not a
    /// state read or a call.
    /// The records go to the store in the order of their grains' keys, whatever the file's order:
    /// each batch then fills neighbouring pages of the store's key order, not one page per record.
    /// </summary>
    private async Task<RecordOutcome[]> LoadAsync<TRecord>(
        IReadOnlyList<TRecord> records,
        string grainType,
        Func<TRecord, string> key,
        Func<TRecord, StateWrite> creation,
        Func<TRecord, StoredState, bool> takesAsUnchanged,
        Func<string, TRecord, CancellationToken, Task<RecordOutcome>> send,
        IProgress<int>? progress,
        CancellationToken cancellationToken)
    {
        var outcomes = new RecordOutcome[records.Count];
        var done = 0;
        var keys = records.Select(key).ToArray();
        var remaining = Enumerable.Range(0, records.Count).OrderBy(i => keys[i], StringComparer.Ordinal).ToArray();
        if (bulk is not null)
        {
            // A file imported again finds its records stored: once a chunk found most of its records
            // stored, the next ones are read first and only those not found offered for creation,
            // rather than every record serialized and sent to learn that it is there.
            var mostlyStored = false;
            var left = new System.Collections.Concurrent.ConcurrentBag<int>();
            await Parallel.ForEachAsync(
                remaining.Chunk(_options.BulkChunkSize),
                new ParallelOptions { MaxDegreeOfParallelism = _options.BulkParallelism, CancellationToken = cancellationToken },
                async (chunk, ct) =>
                {
                    var grainKeys = Array.ConvertAll(chunk, i => new GrainKey(grainType, keys[i]));

                    // Every record's creation: those not stored are created from it, the others compared with its hash.
                    var creations = Array.ConvertAll(chunk, i => creation(records[i]));
                    StoredRecordHash[] found = Volatile.Read(ref mostlyStored) ? [.. await bulk.ReadRecordHashesAsync(grainKeys, ct)] : new StoredRecordHash[chunk.Length];
                    var offered = Enumerable.Range(0, chunk.Length).Where(c => !found[c].Stored).ToArray();
                    var created = offered.Length == 0 ? [] : await bulk.WriteBatchAsync([.. offered.Select(c => creations[c])], ct);
                    var isNew = new bool[chunk.Length];
                    for (var n = 0; n < offered.Length; n++)
                    {
                        isNew[offered[n]] = created[n] is WriteOutcome.Written;
                    }

                    // Stored by an import before, or by another since this one read.
                    var exist = offered.Where(c => !isNew[c]).ToArray();
                    var read = exist.Length == 0 ? [] : await bulk.ReadRecordHashesAsync([.. exist.Select(c => grainKeys[c])], ct);
                    for (var n = 0; n < exist.Length; n++)
                    {
                        found[exist[n]] = read[n];
                    }

                    // A grain whose current version did not take in this record may still hold it (written since by
                    // anything else, or changed back): its state tells.
                    var unchanged = Enumerable.Range(0, chunk.Length).Select(c => !isNew[c] && found[c].Stored && found[c].Hash == creations[c].RecordHash).ToArray();
                    var doubtful = Enumerable.Range(0, chunk.Length).Where(c => !isNew[c] && !unchanged[c]).ToArray();
                    var stored = await Task.WhenAll(doubtful.Select(c => bulk.ReadAsync(grainKeys[c], ct)));
                    var checkedHashes = new List<CheckedRecordHash>();
                    for (var n = 0; n < doubtful.Length; n++)
                    {
                        var c = doubtful[n];
                        unchanged[c] = stored[n] is { } state && takesAsUnchanged(records[chunk[c]], state);
                        if (unchanged[c] && creations[c].RecordHash is { } hash)
                        {
                            checkedHashes.Add(new CheckedRecordHash(grainKeys[c], stored[n]!.Version, hash));
                        }
                    }

                    // What was read once is not read again for the same record (a store from before the hashes fills itself so).
                    if (checkedHashes.Count > 0)
                    {
                        await bulk.WriteRecordHashesAsync(checkedHashes, ct);
                    }

                    var settled = 0;
                    for (var c = 0; c < chunk.Length; c++)
                    {
                        if (isNew[c] || unchanged[c])
                        {
                            outcomes[chunk[c]] = isNew[c] ? RecordOutcome.New : RecordOutcome.Unchanged;
                            settled++;
                        }
                        else
                        {
                            left.Add(chunk[c]);
                        }
                    }

                    Volatile.Write(ref mostlyStored, isNew.Count(n => !n) * 2 > chunk.Length);
                    progress?.Report(Interlocked.Add(ref done, settled));
                });
            remaining = [.. left];
        }

        await Parallel.ForEachAsync(
            remaining,
            new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                outcomes[i] = await send(keys[i], records[i], ct);
                progress?.Report(Interlocked.Increment(ref done));
            });
        return outcomes;
    }
}
