using System.Collections.Concurrent;
using Orleans.Runtime;
using Tracking.Domain.Matching;
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
internal sealed class CandidateRecording(IGrainFactory grains, GrainStateStore store)
{
    /// <summary>Taxpayers read and written together: the store's write batch (256 by default).</summary>
    private const int BatchSize = 256;

    /// <summary>Batches under way at once: the store's writers (4 by default) kept busy while both cores decide.</summary>
    private const int BatchParallelism = 4;

    /// <summary>Taxpayer calls in flight (recording through the grains, or withdrawing): enough to fill the store's write batches.</summary>
    internal const int CallParallelism = 512;

    /// <summary>
    /// Records every candidate; the loops run on the thread pool, not the caller's grain scheduler, so
    /// that deciding and serializing use every core.
    /// </summary>
    public async Task RecordAsync(IReadOnlyList<MatchCandidate> candidates, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var active = await ActiveTaxpayersAsync();
        // In the stores' key order: a batch then updates neighbouring rows and index pages, where the
        // shards' order spread it over one page per taxpayer (SQLite's recording took less than half the time).
        // A taxpayer's candidates in one order too, not the order the shards happened to finish in: two
        // sweeps of the same files leave the same ledger and history.
        var byTaxpayer = candidates
            .OrderBy(c => c.TaxpayerId, StringComparer.Ordinal).ThenBy(c => c.Exchange, StringComparer.Ordinal).ThenBy(c => c.AccountId, StringComparer.Ordinal)
            .GroupBy(c => c.TaxpayerId, StringComparer.Ordinal).ToArray();
        var toGrains = new ConcurrentQueue<IGrouping<string, MatchCandidate>>(byTaxpayer.Where(t => IsIn(active, t)));
        var beside = new ConcurrentQueue<IGrouping<string, MatchCandidate>>();
        await Parallel.ForEachAsync(
            byTaxpayer.Where(t => !IsIn(active, t)).Chunk(BatchSize),
            new ParallelOptions { MaxDegreeOfParallelism = BatchParallelism, CancellationToken = cancellationToken, TaskScheduler = TaskScheduler.Default },
            async (batch, ct) =>
            {
                var (written, left) = await RecordBesideAsync(batch, now, ct);
                written.ForEach(beside.Enqueue);
                left.ForEach(toGrains.Enqueue);
            });

        // An officer may have opened a taxpayer after the list was taken and before its write: that
        // activation read the ledger without the candidates. Its grain is asked to record them too;
        // its write is refused, it reads the ledger afresh and finds nothing new to write.
        if (!beside.IsEmpty)
        {
            var openedSince = await ActiveTaxpayersAsync();
            foreach (var taxpayer in beside.Where(t => IsIn(openedSince, t)))
            {
                toGrains.Enqueue(taxpayer);
            }
        }

        await Parallel.ForEachAsync(
            toGrains,
            new ParallelOptions { MaxDegreeOfParallelism = CallParallelism, CancellationToken = cancellationToken, TaskScheduler = TaskScheduler.Default },
            async (ofTaxpayer, ct) => await grains.GetGrain<ITaxpayerGrain>(ofTaxpayer.Key).RecordCandidatesAsync([.. ofTaxpayer], ct));

        // Null (a silo could not say) counts every taxpayer as active.
        static bool IsIn(HashSet<string>? active, IGrouping<string, MatchCandidate> taxpayer) => active is null || active.Contains(taxpayer.Key);
    }

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
        var stored = await Task.WhenAll(batch.Select(t => store.ReadAsync(new GrainKey(TaxpayerGrain.TypeName, t.Key), cancellationToken)));
        var (writes, tried, left) = (new List<StateWrite>(batch.Length), new List<IGrouping<string, MatchCandidate>>(batch.Length), new List<IGrouping<string, MatchCandidate>>());
        for (var i = 0; i < batch.Length; i++)
        {
            if (stored[i] is { } ledger && TaxpayerGrain.Recording(batch[i].Key, ledger, [.. batch[i]], now) is { } write)
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
