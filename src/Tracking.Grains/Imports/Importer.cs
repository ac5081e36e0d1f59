using Tracking.Domain.Accounts;
using Tracking.Domain.Ledger;
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
/// <remarks>
/// Given a <see cref="IGrainBulkCreator"/>, grains that do not exist yet are created in bulk
/// straight to storage (versioned: only if never written), and only the others get a message.
/// </remarks>
public sealed class Importer(IGrainFactory grains, IGrainBulkCreator? bulk = null, ImporterOptions? options = null)
{
    private readonly ImporterOptions _options = options ?? new ImporterOptions();

    public async Task<ImportSummary> ImportRollAsync(RollFile roll, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var messages = roll.Taxpayers.Select(t => new RegisterTaxpayer(t, roll.TaxItems.GetValueOrDefault(t.TaxpayerId) ?? [])).ToArray();
        var outcomes = await LoadAsync<ITaxpayerGrain, RegisterTaxpayer, TaxpayerLedger, TaxpayerEvent>(
            messages,
            TaxpayerGrain.Creation,
            m => m.Profile.TaxpayerId,
            progress,
            cancellationToken);
        var indexed = await IndexAsync(
            roll.Taxpayers.SelectMany(t => IndexedTaxpayer.For(t.Identity(), t.Name)),
            e => e.Key,
            entries => new IndexTaxpayers(entries),
            cancellationToken);
        return Summarize("roll", "roll", roll.Rows, outcomes, indexed, roll.Problems);
    }

    public async Task<ImportSummary> ImportAccountsAsync(AccountFile file, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var outcomes = await LoadAsync<IExchangeAccountGrain, ReportAccount, ExchangeAccount, AccountEvent>(
            file.Accounts.Select(a => new ReportAccount(a)).ToArray(),
            ExchangeAccountGrain.Creation,
            m => AccountKey.Of(m.Profile.Exchange, m.Profile.AccountId),
            progress,
            cancellationToken);
        var indexed = await IndexAsync(
            file.Accounts.SelectMany(a => IndexedAccount.For(a.Identity(), a.Name)),
            e => e.Key,
            entries => new IndexAccounts(entries),
            cancellationToken);
        return Summarize("accounts", $"accounts of {file.Exchange}", file.Rows, outcomes, indexed, file.Problems);
    }

    private static ImportSummary Summarize(string file, string what, int rows, RecordOutcome[] outcomes, int indexed, IReadOnlyList<Ingest.Files.RowProblem> problems)
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
            indexed,
            problems);
    }

    /// <summary>Creates the grains that do not exist yet in bulk, then sends the message to each of the others.</summary>
    private async Task<RecordOutcome[]> LoadAsync<TGrain, TMessage, TState, TEvent>(
        IReadOnlyList<TMessage> messages,
        Func<TMessage, GrainCreation<TState, TEvent>> creation,
        Func<TMessage, string> key,
        IProgress<int>? progress,
        CancellationToken cancellationToken)
        where TGrain : IGrain
        where TMessage : IGrainCall<TGrain, RecordOutcome>
        where TState : class
        where TEvent : class
    {
        var outcomes = new RecordOutcome[messages.Count];
        var done = 0;
        var remaining = Enumerable.Range(0, messages.Count).ToArray();
        if (bulk is not null)
        {
            var left = new List<int>();
            foreach (var chunk in remaining.Chunk(_options.BulkChunkSize))
            {
                var created = await bulk.CreateManyAsync<TGrain, TState, TEvent>(chunk.Select(i => creation(messages[i])).ToArray(), cancellationToken);
                for (var c = 0; c < chunk.Length; c++)
                {
                    if (created[c])
                    {
                        outcomes[chunk[c]] = RecordOutcome.New;
                        done++;
                    }
                    else
                    {
                        left.Add(chunk[c]);
                    }
                }

                progress?.Report(done);
            }

            remaining = [.. left];
        }

        await Parallel.ForEachAsync(
            remaining,
            new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                outcomes[i] = await grains.Get<TGrain>(key(messages[i])).CallAsync(messages[i], ct);
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
