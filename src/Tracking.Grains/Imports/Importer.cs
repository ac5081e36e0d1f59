using Tracking.Grains.Accounts;
using Tracking.Grains.Matching;
using Tracking.Grains.Taxpayers;
using Tracking.Ingest.Accounts;
using Tracking.Ingest.Roll;
using Tracking.Runtime;

namespace Tracking.Grains.Imports;

/// <summary>
/// Loads parsed input files into grains: each taxpayer or account into its own grain, and every
/// identity into the match index shards under its blocking keys. Every step is idempotent, so an
/// import that is repeated, or resumed after a crash, changes nothing twice.
/// </summary>
public sealed class Importer(IGrainFactory grains, ImporterOptions? options = null)
{
    private readonly ImporterOptions _options = options ?? new ImporterOptions();

    public async Task<ImportSummary> ImportRollAsync(RollFile roll, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var outcomes = await ForEachAsync(roll.Taxpayers, progress, cancellationToken, (taxpayer, ct) =>
            grains.Get<ITaxpayerGrain>(taxpayer.TaxpayerId).CallAsync(new RegisterTaxpayer(taxpayer, roll.TaxItems.GetValueOrDefault(taxpayer.TaxpayerId) ?? []), ct));
        var indexed = await IndexAsync(
            roll.Taxpayers.SelectMany(t => IndexedTaxpayer.For(t.Identity(), t.Name)),
            e => e.Key,
            entries => new IndexTaxpayers(entries),
            cancellationToken);
        return Summarize("roll", roll.Rows, outcomes, indexed, roll.Problems);
    }

    public async Task<ImportSummary> ImportAccountsAsync(AccountFile file, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var outcomes = await ForEachAsync(file.Accounts, progress, cancellationToken, (account, ct) =>
            grains.Get<IExchangeAccountGrain>(AccountKey.Of(account.Exchange, account.AccountId)).CallAsync(new ReportAccount(account), ct));
        var indexed = await IndexAsync(
            file.Accounts.SelectMany(a => IndexedAccount.For(a.Identity(), a.Name)),
            e => e.Key,
            entries => new IndexAccounts(entries),
            cancellationToken);
        return Summarize($"accounts of {file.Exchange}", file.Rows, outcomes, indexed, file.Problems);
    }

    private static ImportSummary Summarize(string what, int rows, RecordOutcome[] outcomes, int indexed, IReadOnlyList<Ingest.Files.RowProblem> problems) => new(
        what,
        rows,
        outcomes.Length,
        outcomes.Count(o => o == RecordOutcome.New),
        outcomes.Count(o => o == RecordOutcome.Changed),
        outcomes.Count(o => o == RecordOutcome.Unchanged),
        indexed,
        problems);

    private async Task<RecordOutcome[]> ForEachAsync<T>(IReadOnlyList<T> items, IProgress<int>? progress, CancellationToken cancellationToken, Func<T, CancellationToken, Task<RecordOutcome>> action)
    {
        var outcomes = new RecordOutcome[items.Count];
        var done = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, items.Count),
            new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                outcomes[i] = await action(items[i], ct);
                progress?.Report(Interlocked.Increment(ref done));
            });
        return outcomes;
    }

    private async Task<int> IndexAsync<TEntry>(IEnumerable<TEntry> entries, Func<TEntry, string> key, Func<IReadOnlyList<TEntry>, IGrainCall<IMatchShardGrain, int>> message, CancellationToken cancellationToken)
    {
        var batches = entries
            .GroupBy(e => MatchIndex.ShardOf(key(e)))
            .SelectMany(shard => shard.Chunk(_options.IndexBatchSize).Select(chunk => (Shard: shard.Key, Entries: chunk)))
            .ToArray();
        var added = 0;
        await Parallel.ForEachAsync(
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellationToken },
            async (batch, ct) => Interlocked.Add(ref added, await grains.Get<IMatchShardGrain>(batch.Shard).CallAsync(message(batch.Entries), ct)));
        return added;
    }
}
