using System.Collections.Concurrent;
using Orleans.Runtime;
using Tracking.Domain.Matching;
using Tracking.Grains.Matching;
using Tracking.Grains.Taxpayers;
using Tracking.Storage;
using Tracking.Storage.Persistence;

namespace Tracking.Grains.Sweeps;

/// <summary>
/// Records a sweep's new candidates with their taxpayers. A taxpayer nobody has active is recorded
/// beside its grain: the stored ledger read, the candidates decided as the grain decides them, and
/// the writes committed in batches against the versions read. Activating a grain to record each of
/// hundreds of thousands of taxpayers, and letting it go again, was more than a quarter of a sweep's CPU
/// (loadtests/README.md, "Candidates recorded beside the grains"). A taxpayer active anywhere in
/// the cluster, one written since it was read, and one its grain must decide for are called as before.
/// </summary>
internal sealed class CandidateRecording(IGrainFactory grains, GrainStateStore store, MatchWork work)
{
    /// <summary>Taxpayers read and written together: the store's write batch (256 by default).</summary>
    private const int BatchSize = 256;

    /// <summary>Batches under way at once: the store's writers (4 by default) kept busy while both cores decide.</summary>
    private const int BatchParallelism = 4;

    /// <summary>Taxpayer calls in flight (recording through the grains, or withdrawing): enough to fill the store's write batches.</summary>
    internal const int CallParallelism = 512;

    /// <summary>
    /// Records every candidate, in parts of whole taxpayers of up to <paramref name="perPart"/>
    /// candidates (more only for a taxpayer who alone has more). Each part is handed to
    /// <paramref name="recorded"/>, in order and on the caller's scheduler, once every taxpayer in it
    /// is recorded, while the parts after it are being recorded: a sweep writes its own history of a
    /// part then, beside the recording instead of after it (at 1M taxpayers, 56 parts took 10–12 s
    /// one after another). The batches run on the thread pool, not the caller's grain scheduler, so
    /// that deciding and serializing use every core.
    /// </summary>
    public async Task RecordAsync(IReadOnlyList<MatchCandidate> candidates, int perPart, Func<IReadOnlyList<MatchCandidate>, Task> recorded, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var active = await ActiveTaxpayersAsync();
        var parts = await work.RunAsync(() => PartsOf(candidates, perPart), cancellationToken);
        var batches = parts.SelectMany((part, p) => part.Chunk(BatchSize).Select(batch => (Part: p, Batch: batch))).ToArray();
        var unrecorded = new int[parts.Length];
        foreach (var (part, _) in batches)
        {
            unrecorded[part]++;
        }

        var done = parts.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var beside = new ConcurrentQueue<IGrouping<string, MatchCandidate>>();
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var recording = Parallel.ForEachAsync(
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = BatchParallelism, CancellationToken = stopping.Token, TaskScheduler = TaskScheduler.Default },
            async (item, ct) =>
            {
                await RecordBatchAsync(item.Batch, active, beside, now, ct);
                if (Interlocked.Decrement(ref unrecorded[item.Part]) == 0)
                {
                    done[item.Part].SetResult();
                }
            });

        try
        {
            for (var p = 0; p < parts.Length; p++)
            {
                // A recording that failed never finishes the part: its failure ends the wait.
                await Task.WhenAny(done[p].Task, recording);
                if (!done[p].Task.IsCompleted)
                {
                    await recording;
                }

                await recorded([.. parts[p].SelectMany(taxpayer => taxpayer)]);
            }

            await recording;
        }
        catch
        {
            // The recording failed, or what the caller did with a part: the batches still under way stop before the failure goes on.
            await stopping.CancelAsync();
            await recording.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        // An officer may have opened a taxpayer after the list was taken and before its write: that
        // activation read the ledger without the candidates. Its grain is asked to record them too;
        // its write is refused, it reads the ledger afresh and finds nothing new to write. The
        // candidates are stored already, so this can come after the parts are handed on.
        if (!beside.IsEmpty)
        {
            var openedSince = await ActiveTaxpayersAsync();
            await RecordThroughGrainsAsync(beside.Where(t => IsIn(openedSince, t)), CallParallelism, cancellationToken);
        }
    }

    /// <summary>
    /// The candidates by taxpayer in the stores' key order, in parts of whole taxpayers. A batch then
    /// updates neighbouring rows and index pages, where the shards' order spread it over one page per
    /// taxpayer (SQLite's recording took less than half the time). A taxpayer's candidates in one
    /// order too, not the order the shards happened to finish in: two sweeps of the same files leave
    /// the same ledger and history.
    /// </summary>
    private static IGrouping<string, MatchCandidate>[][] PartsOf(IReadOnlyList<MatchCandidate> candidates, int perPart)
    {
        var parts = new List<IGrouping<string, MatchCandidate>[]>();
        var part = new List<IGrouping<string, MatchCandidate>>();
        var inPart = 0;
        foreach (var taxpayer in candidates
            .OrderBy(c => c.TaxpayerId, StringComparer.Ordinal).ThenBy(c => c.Exchange, StringComparer.Ordinal).ThenBy(c => c.AccountId, StringComparer.Ordinal)
            .GroupBy(c => c.TaxpayerId, StringComparer.Ordinal))
        {
            var count = taxpayer.Count();
            if (part.Count > 0 && inPart + count > perPart)
            {
                parts.Add([.. part]);
                (part, inPart) = ([], 0);
            }

            part.Add(taxpayer);
            inPart += count;
        }

        if (part.Count > 0)
        {
            parts.Add([.. part]);
        }

        return [.. parts];
    }

    /// <summary>A batch's taxpayers recorded: beside their grains where nobody has them active, through their grains otherwise.</summary>
    private async Task RecordBatchAsync(IGrouping<string, MatchCandidate>[] batch, HashSet<string>? active, ConcurrentQueue<IGrouping<string, MatchCandidate>> beside, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var toStore = batch.Where(t => !IsIn(active, t)).ToArray();
        var (written, left) = toStore.Length == 0 ? ([], []) : await RecordBesideAsync(toStore, now, cancellationToken);
        written.ForEach(beside.Enqueue);
        await RecordThroughGrainsAsync(batch.Where(t => IsIn(active, t)).Concat(left), CallParallelism / BatchParallelism, cancellationToken);
    }

    private async Task RecordThroughGrainsAsync(IEnumerable<IGrouping<string, MatchCandidate>> taxpayers, int parallelism, CancellationToken cancellationToken) =>
        await Parallel.ForEachAsync(
            taxpayers,
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken, TaskScheduler = TaskScheduler.Default },
            async (ofTaxpayer, ct) => await grains.GetGrain<ITaxpayerGrain>(ofTaxpayer.Key).RecordCandidatesAsync([.. ofTaxpayer], ct));

    /// <summary>
    /// The writes of a batch's taxpayers stored as the roll made them, all of whose new candidates
    /// are automatic (<see cref="TaxpayerGrain.FirstRecording"/>), decided on their rows alone, their
    /// events not read back: at 1M taxpayers, recording took about 5% less (loadtests/README.md,
    /// "A taxpayer recorded without its history read back"). Null for the others, whose states are read.
    /// </summary>
    private async Task<StateWrite?[]> FirstRecordingsAsync(IGrouping<string, MatchCandidate>[] batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await store.ReadRowsAsync([.. batch.Select(t => new GrainKey(TaxpayerGrain.TypeName, t.Key))], cancellationToken);
        return [.. batch.Select((t, i) => rows[i] is { } row ? TaxpayerGrain.FirstRecording(t.Key, row, [.. t], now) : null)];
    }

    /// <summary>Null (a silo could not say) counts every taxpayer as active.</summary>
    private static bool IsIn(HashSet<string>? active, IGrouping<string, MatchCandidate> taxpayer) => active is null || active.Contains(taxpayer.Key);

    /// <summary>
    /// The taxpayers active on any silo; null when a silo cannot say (one joining or leaving the
    /// cluster), and then every taxpayer is recorded by its grain, as before recording beside them.
    /// </summary>
    private async Task<HashSet<string>?> ActiveTaxpayersAsync()
    {
        try
        {
            var active = await grains.GetGrain<IManagementGrain>(0).GetActiveGrains(GrainType.Create(TaxpayerGrain.TypeName));
            return active.Select(id => id.Key.ToString()).ToHashSet(StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is SiloUnavailableException or TimeoutException or OrleansMessageRejectionException)
        {
            return null;
        }
    }

    /// <summary>Records a batch beside the grains; returns the taxpayers written, and those left to their grains.</summary>
    private async Task<(List<IGrouping<string, MatchCandidate>> Written, List<IGrouping<string, MatchCandidate>> Left)> RecordBesideAsync(IGrouping<string, MatchCandidate>[] batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var first = store.KeepsEveryState ? new StateWrite?[batch.Length] : await FirstRecordingsAsync(batch, now, cancellationToken);
        var stored = await Task.WhenAll(batch.Select((t, i) => first[i] is not null ? Task.FromResult<StoredState?>(null) : store.ReadAsync(new GrainKey(TaxpayerGrain.TypeName, t.Key), cancellationToken)));
        var (writes, tried, left) = (new List<StateWrite>(batch.Length), new List<IGrouping<string, MatchCandidate>>(batch.Length), new List<IGrouping<string, MatchCandidate>>());
        for (var i = 0; i < batch.Length; i++)
        {
            if ((first[i] ?? (stored[i] is { } ledger ? TaxpayerGrain.Recording(batch[i].Key, ledger, [.. batch[i]], now) : null)) is { } write)
            {
                writes.Add(write);
                tried.Add(batch[i]);
            }
            else
            {
                left.Add(batch[i]);
            }
        }

        if (writes.Count == 0)
        {
            return ([], left);
        }

        // A taxpayer written since it was read (a conflict), or whose write failed, is left to its grain, which reads it afresh.
        var outcomes = await store.WriteBatchAsync(writes, cancellationToken);
        var written = new List<IGrouping<string, MatchCandidate>>(tried.Count);
        for (var i = 0; i < tried.Count; i++)
        {
            (outcomes[i] is WriteOutcome.Written ? written : left).Add(tried[i]);
        }

        return (written, left);
    }
}
