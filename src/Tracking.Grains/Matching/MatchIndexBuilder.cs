using System.Globalization;
using Orleans.Runtime;
using Tracking.Domain.Accounts;
using Tracking.Domain.Identity;
using Tracking.Domain.Ledger;
using Tracking.Domain.Matching;
using Tracking.Domain.Taxpayers;
using Tracking.Grains.Accounts;
using Tracking.Grains.Taxpayers;
using Tracking.Storage.Persistence;

namespace Tracking.Grains.Matching;

/// <summary>
/// Files every registered taxpayer's and reported account's identity in the match index shards
/// for one sweep, read page by page from their stored states: only the fields matching needs
/// leave the store (no grain is activated). Taxpayers and accounts are read side by side. A
/// page's entries go to each silo that holds shards in one call, to its filer, which files them there.
/// </summary>
public sealed class MatchIndexBuilder(IGrainFactory grains, GrainStateStore store, Guid sweep)
{
    private long _records;

    // Each silo's filer, and which of them files for each shard (by its number); found when the
    // shards begin, or are asked whether they hold the index.
    private IMatchFilerGrain[] _filers = [];
    private int[] _filerOfShard = [];

    /// <summary>The sweep the shards hold identities for.</summary>
    public Guid Sweep => sweep;

    /// <summary>Taxpayers and accounts read and on their way to the shards so far.</summary>
    public long Records => Interlocked.Read(ref _records);

    /// <summary>Where the shards are: for each silo, the shards it holds.</summary>
    public IReadOnlyDictionary<SiloAddress, IReadOnlyList<string>> Silos { get; private set; } = new Dictionary<SiloAddress, IReadOnlyList<string>>();

    /// <summary>Records handled at once.</summary>
    public const int PageSize = 10_000;

    /// <summary>The store's clock when the last build or revision began to read: every change after it is still to be filed.</summary>
    public DateTimeOffset? AsOf { get; private set; }

    /// <summary>Every shard forgets what it held and takes this sweep's identities; returns how many taxpayers and accounts were read.</summary>
    public async Task<(long Taxpayers, long Accounts)> BuildAsync(CancellationToken cancellationToken)
    {
        Locate(await Task.WhenAll(MatchIndex.AllShards().Select(async shard => (shard, (SiloAddress?)await grains.GetGrain<IMatchShardGrain>(shard).BeginAsync(sweep, cancellationToken)))));
        AsOf = await store.ReadClockAsync(cancellationToken);

        // Should one side fail, the other stops too (its read is cancelled in the engine), and the failure is told at once.
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        async Task<long> StopOtherOnFailure(Task<long> side)
        {
            try
            {
                return await side;
            }
            catch
            {
                await failed.CancelAsync();
                throw;
            }
        }

        var taxpayers = StopOtherOnFailure(FileAsync(TaxpayerGrain.TypeName, Taxpayer, (filer, pages) => filer.FileTaxpayersAsync(sweep, pages, failed.Token), failed.Token));
        var accounts = StopOtherOnFailure(FileAsync(ExchangeAccountGrain.TypeName, Account, (filer, pages) => filer.FileAccountsAsync(sweep, pages, failed.Token), failed.Token));
        await Task.WhenAll(taxpayers, accounts);
        return (await taxpayers, await accounts);
    }

    /// <summary>
    /// Files again, in the index the shards hold for this sweep, only the taxpayers and accounts
    /// whose matched fields changed at or after <paramref name="since"/> by the store's clock.
    /// Returns how many, or null (nothing sent to the shards) when a shard no longer holds the
    /// index or more than <paramref name="mostChanged"/> changed: filing everything afresh is then as quick.
    /// </summary>
    public async Task<long?> ReviseAsync(DateTimeOffset since, long mostChanged, CancellationToken cancellationToken)
    {
        var held = await Task.WhenAll(MatchIndex.AllShards().Select(async shard => (shard, await grains.GetGrain<IMatchShardGrain>(shard).HoldsAsync(sweep, cancellationToken))));
        if (held.Any(h => h.Item2 is null))
        {
            return null;
        }

        Locate(held);
        AsOf = await store.ReadClockAsync(cancellationToken);
        var taxpayers = await ReadChangedAsync(TaxpayerGrain.TypeName, since, mostChanged, cancellationToken);
        var accounts = taxpayers is null ? null : await ReadChangedAsync(ExchangeAccountGrain.TypeName, since, mostChanged - taxpayers.Count, cancellationToken);
        if (taxpayers is null || accounts is null)
        {
            return null;
        }

        string[] taxpayerIds = [.. taxpayers.Select(t => t.Key)], accountKeys = [.. accounts.Select(a => a.Key)];
        await Task.WhenAll(MatchIndex.AllShards().Select(shard => grains.GetGrain<IMatchShardGrain>(shard).ReviseAsync(sweep, taxpayerIds, accountKeys, cancellationToken)));

        // A page at a time: a tenth of a national index in one message would pass Orleans' limit on its size.
        async Task FilePagesAsync<TRecord>(List<IndexedRecord> records, Func<IndexedRecord, (TRecord?, IReadOnlyList<string>)> describe, Func<IMatchFilerGrain, IReadOnlyList<IndexPage>, Task> file)
            where TRecord : class, IPackedRecord<TRecord>
        {
            foreach (var page in records.Chunk(PageSize))
            {
                await SendAsync(BySilo(IndexPages.Pack(page, describe, cancellationToken)), file);
            }
        }

        await Task.WhenAll(
            FilePagesAsync(taxpayers, Taxpayer, (filer, pages) => filer.FileTaxpayersAsync(sweep, pages, cancellationToken)),
            FilePagesAsync(accounts, Account, (filer, pages) => filer.FileAccountsAsync(sweep, pages, cancellationToken)));

        Interlocked.Add(ref _records, taxpayers.Count + accounts.Count);
        return taxpayers.Count + accounts.Count;
    }

    /// <summary>The shards keep this sweep's index for the next sweep to revise.</summary>
    public Task KeepAsync() => Task.WhenAll(MatchIndex.AllShards().Select(shard => grains.GetGrain<IMatchShardGrain>(shard).KeepAsync(sweep)));

    /// <summary>The shards let this sweep's identities go.</summary>
    public Task EndAsync() => Task.WhenAll(MatchIndex.AllShards().Select(shard => grains.GetGrain<IMatchShardGrain>(shard).EndAsync(sweep)));

    /// <summary>Each silo's filer files for the shards found there.</summary>
    private void Locate(IEnumerable<(string Shard, SiloAddress? Silo)> shards)
    {
        Silos = shards.GroupBy(s => s.Silo!).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(s => s.Shard)]);
        var silos = Silos.Keys.ToArray();
        _filers = [.. silos.Select(silo => grains.GetGrain<IMatchFilerGrain>(silo.ToParsableString()))];
        _filerOfShard = new int[MatchIndex.ShardCount];
        for (var filer = 0; filer < silos.Length; filer++)
        {
            foreach (var shard in Silos[silos[filer]])
            {
                _filerOfShard[MatchIndex.NumberOf(shard)] = filer;
            }
        }
    }

    /// <summary>A taxpayer as the index files it, and its keys; none for one the roll never described.</summary>
    private static (IndexedTaxpayer?, IReadOnlyList<string>) Taxpayer(IndexedRecord stored)
    {
        if (stored.Indexed is null)
        {
            return (null, []);
        }

        var values = MatchedFields.Values(stored.Indexed, MatchedFields.TaxpayerValues);
        var name = values[0]!;
        // The date itself stays out of the message: it is personal data.
        var birth = values[1] is { } date
            ? BirthDate.Of(FixedWidthDate.Read(date, "yyyy-MM-dd") ?? throw new FormatException($"Taxpayer {stored.Key}'s matched birth date is not yyyy-MM-dd."))
            : (BirthDate?)null;
        var identity = new TaxpayerIdentity(stored.Key, PersonName.Parse(name), birth, values[2], values[3]);
        return (IndexedTaxpayer.Of(identity, name), BlockingKeys.For(identity));
    }

    /// <summary>An account as the index files it, and its keys; none for one never reported.</summary>
    private static (IndexedAccount?, IReadOnlyList<string>) Account(IndexedRecord stored)
    {
        if (stored.Indexed is null)
        {
            return (null, []);
        }

        var (exchange, accountId) = AccountKey.Parse(stored.Key);
        var values = MatchedFields.Values(stored.Indexed, MatchedFields.AccountValues);
        var name = values[0];
        var birth = values[2] is { } year
            ? new BirthDate(values[1] is { } century ? Number(century) : null, Number(year), Number(values[3]!), Number(values[4]!))
            : (BirthDate?)null;
        var identity = new AccountIdentity(exchange, accountId, PersonName.Parse(name), birth, values[5], values[6]);
        return (IndexedAccount.Of(identity, name), BlockingKeys.For(identity));
    }

    private static int Number(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>The records of one type changed since <paramref name="since"/>; null as soon as there are more than <paramref name="most"/>.</summary>
    private async Task<List<IndexedRecord>?> ReadChangedAsync(string grainType, DateTimeOffset since, long most, CancellationToken cancellationToken)
    {
        var changed = new List<IndexedRecord>();
        using var tooMany = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await store.ReadAllAsync(
                grainType,
                since,
                PageSize,
                async page =>
                {
                    changed.AddRange(page);
                    if (changed.Count > most)
                    {
                        await tooMany.CancelAsync();
                    }
                },
                tooMany.Token);
            return changed;
        }
        catch (OperationCanceledException) when (tooMany.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Pages grouped by the silo of their shard, in the order of <see cref="_filers"/>.</summary>
    private IndexPage[][] BySilo(IndexPage[] pages) =>
        [.. Enumerable.Range(0, _filers.Length).Select(filer => pages.Where(page => _filerOfShard[page.Shard] == filer).ToArray())];

    /// <summary>Each silo's pages to its filer, in one call.</summary>
    private Task SendAsync(IndexPage[][] bySilo, Func<IMatchFilerGrain, IReadOnlyList<IndexPage>, Task> file) =>
        Task.WhenAll(_filers.Zip(bySilo).Where(f => f.Second.Length > 0).Select(f => file(f.First, f.Second)));

    private async Task<long> FileAsync<TRecord>(
        string grainType,
        Func<IndexedRecord, (TRecord?, IReadOnlyList<string>)> describe,
        Func<IMatchFilerGrain, IReadOnlyList<IndexPage>, Task> file,
        CancellationToken cancellationToken)
        where TRecord : class, IPackedRecord<TRecord>
    {
        // A pipeline: a page's keys are worked out (on every core) while the last page is filed, and
        // the store reads on once that page is on its way.
        var filing = Task.CompletedTask;
        try
        {
            var records = await store.ReadAllAsync(
                grainType,
                indexedSince: null,
                PageSize,
                async page =>
                {
                    var bySilo = BySilo(IndexPages.Pack(page, describe, cancellationToken));
                    await filing;
                    filing = SendAsync(bySilo, file);
                    Interlocked.Add(ref _records, page.Count);
                },
                cancellationToken);
            await filing;
            return records;
        }
        catch
        {
            // The page on its way is waited for, and its own failure (a consequence of this one) observed.
            await filing.ContinueWith(static f => f.Exception, TaskScheduler.Default);
            throw;
        }
    }
}
