using System.Globalization;
using Tracking.Domain.Accounts;
using Tracking.Domain.Identity;
using Tracking.Domain.Ledger;
using Tracking.Domain.Taxpayers;
using Tracking.Grains.Accounts;
using Tracking.Grains.Taxpayers;
using Tracking.Storage.Persistence;

namespace Tracking.Grains.Matching;

/// <summary>
/// Files every registered taxpayer's and reported account's identity in the match index shards
/// for one sweep, read page by page from their stored states: only the fields matching needs
/// leave the store (no grain is activated). Taxpayers and accounts are read side by side.
/// </summary>
public sealed class MatchIndexBuilder(IGrainFactory grains, GrainStateStore store, Guid sweep)
{
    private long _records;

    /// <summary>The sweep the shards hold identities for.</summary>
    public Guid Sweep => sweep;

    /// <summary>Taxpayers and accounts read and on their way to the shards so far.</summary>
    public long Records => Interlocked.Read(ref _records);

    /// <summary>Records handled at once.</summary>
    public const int PageSize = 10_000;

    private static readonly StatePath[] s_taxpayerFields =
    [
        new(nameof(TaxpayerLedger.Profile), nameof(TaxpayerProfile.Name)),
        new(nameof(TaxpayerLedger.Profile), nameof(TaxpayerProfile.BirthDate)),
        new(nameof(TaxpayerLedger.Profile), nameof(TaxpayerProfile.Phone)),
        new(nameof(TaxpayerLedger.Profile), nameof(TaxpayerProfile.RrnHash)),
    ];

    private static readonly StatePath[] s_accountFields =
    [
        new(nameof(ExchangeAccount.Profile), nameof(AccountProfile.Name)),
        new(nameof(ExchangeAccount.Profile), nameof(AccountProfile.Birth), nameof(BirthDate.Century)),
        new(nameof(ExchangeAccount.Profile), nameof(AccountProfile.Birth), nameof(BirthDate.YearOfCentury)),
        new(nameof(ExchangeAccount.Profile), nameof(AccountProfile.Birth), nameof(BirthDate.Month)),
        new(nameof(ExchangeAccount.Profile), nameof(AccountProfile.Birth), nameof(BirthDate.Day)),
        new(nameof(ExchangeAccount.Profile), nameof(AccountProfile.Phone)),
        new(nameof(ExchangeAccount.Profile), nameof(AccountProfile.RrnHash)),
    ];

    /// <summary>Every shard forgets what it held and takes this sweep's identities; returns how many taxpayers and accounts were read.</summary>
    public async Task<(long Taxpayers, long Accounts)> BuildAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(MatchIndex.AllShards().Select(shard => grains.GetGrain<IMatchShardGrain>(shard).BeginAsync(sweep, cancellationToken)));

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

        var taxpayers = StopOtherOnFailure(FileAsync(TaxpayerGrain.TypeName, s_taxpayerFields, TaxpayerEntries, (shard, entries) => shard.FileTaxpayersAsync(sweep, entries, failed.Token), failed.Token));
        var accounts = StopOtherOnFailure(FileAsync(ExchangeAccountGrain.TypeName, s_accountFields, AccountEntries, (shard, entries) => shard.FileAccountsAsync(sweep, entries, failed.Token), failed.Token));
        await Task.WhenAll(taxpayers, accounts);
        return (await taxpayers, await accounts);
    }

    /// <summary>The shards let this sweep's identities go.</summary>
    public Task EndAsync() => Task.WhenAll(MatchIndex.AllShards().Select(shard => grains.GetGrain<IMatchShardGrain>(shard).EndAsync(sweep)));

    /// <summary>A taxpayer's entries under each of its keys; none for one the roll never described.</summary>
    internal static IEnumerable<IndexedTaxpayer> TaxpayerEntries(StateFields stored) =>
        stored.Values[0] is { } name
            ? IndexedTaxpayer.For(
                new TaxpayerIdentity(
                    stored.Key,
                    PersonName.Parse(name),
                    stored.Values[1] is { } birth ? BirthDate.Of(DateOnly.ParseExact(birth, "yyyy-MM-dd", CultureInfo.InvariantCulture)) : null,
                    stored.Values[2],
                    stored.Values[3]),
                name)
            : [];

    /// <summary>An account's entries under each of its keys.</summary>
    internal static IEnumerable<IndexedAccount> AccountEntries(StateFields stored)
    {
        var (exchange, accountId) = AccountKey.Parse(stored.Key);
        var name = stored.Values[0];
        var birth = stored.Values[2] is { } year
            ? new BirthDate(stored.Values[1] is { } century ? Number(century) : null, Number(year), Number(stored.Values[3]!), Number(stored.Values[4]!))
            : (BirthDate?)null;
        return IndexedAccount.For(new AccountIdentity(exchange, accountId, PersonName.Parse(name), birth, stored.Values[5], stored.Values[6]), name);
    }

    private static int Number(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

    private async Task<long> FileAsync<TEntry>(
        string grainType,
        StatePath[] fields,
        Func<StateFields, IEnumerable<TEntry>> entriesOf,
        Func<IMatchShardGrain, IReadOnlyList<TEntry>, Task> file,
        CancellationToken cancellationToken)
        where TEntry : IIndexEntry
    {
        // A pipeline: a page's keys are computed (on every core) while the last page is filed, and
        // the store reads on once that page is on its way.
        var filing = Task.CompletedTask;
        try
        {
            var records = await store.ReadAllAsync(
                grainType,
                fields,
                PageSize,
                async page =>
                {
                    var batches = page.AsParallel().WithCancellation(cancellationToken).SelectMany(entriesOf).GroupBy(e => MatchIndex.ShardOf(e.Key)).Select(g => (Shard: g.Key, Entries: g.ToArray())).ToArray();
                    await filing;
                    filing = Task.WhenAll(batches.Select(b => file(grains.GetGrain<IMatchShardGrain>(b.Shard), b.Entries)));
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
