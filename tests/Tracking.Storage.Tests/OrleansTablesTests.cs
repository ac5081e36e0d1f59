using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService;
using Tracking.Silo.Reminders;
using Tracking.Storage.Persistence;
using Tracking.Storage.Reminders;
using Tracking.TestingHost;

namespace Tracking.Storage.Tests;

/// <summary>
/// The tables Orleans keeps its own records in, driven through Orleans' interfaces exactly as silos
/// drive them: reminders through our group-committed reminder table on both engines, membership
/// through Orleans' ADO.NET provider and our migration's SQL on PostgreSQL (the embedded store's
/// single silo keeps its membership in memory).
/// </summary>
public sealed class OrleansTablesTests
{
    private static readonly DateTime s_start = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [AllStorages]
    public async Task Reminders_are_set_moved_read_by_grain_and_by_hash_range_and_removed_only_as_read(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var store = await storage.OpenStoreAsync();
        await using var reminders = Reminders(store);
        var table = Table(reminders, "service-a");
        var seizure = GrainId.Create("seizure", "T-1@upbit/U1");
        var taxpayer = GrainId.Create("taxpayer", "T-1");

        var first = await table.UpsertRow(Entry(seizure, "wake", s_start, TimeSpan.FromMinutes(1)));
        await table.UpsertRow(Entry(seizure, "review:P-1", s_start, TimeSpan.FromMinutes(1)));
        await table.UpsertRow(Entry(taxpayer, "wake", s_start, TimeSpan.FromDays(40)));
        var moved = await table.UpsertRow(Entry(seizure, "wake", s_start.AddDays(7), TimeSpan.FromMinutes(1)));
        Assert.NotEqual(first, moved);

        var rows = (await table.ReadRows(seizure)).Reminders.OrderBy(r => r.ReminderName).ToArray();
        Assert.Equal(["review:P-1", "wake"], rows.Select(r => r.ReminderName));
        Assert.Equal(s_start.AddDays(7), rows[1].StartAt);
        Assert.Equal(TimeSpan.FromMinutes(1), rows[1].Period);
        Assert.Equal(seizure, rows[1].GrainId);
        Assert.Equal(TimeSpan.FromDays(40), (await table.ReadRow(taxpayer, "wake"))!.Period);

        // A range on the hash ring, and one that wraps past its end: each reminder in exactly one half of the ring.
        var hash = seizure.GetUniformHashCode();
        var halves = new[] { (hash - 1, hash + 0x7FFF_FFFFu), (hash + 0x7FFF_FFFFu, hash - 1) };
        var found = new List<string>();
        foreach (var (begin, end) in halves)
        {
            found.AddRange((await table.ReadRows(begin, end)).Reminders.Where(r => r.GrainId == seizure).Select(r => r.ReminderName));
        }

        Assert.Equal(["review:P-1", "wake"], found.Order());
        Assert.Equal(3, (await table.ReadRows(0u, 0u)).Reminders.Count);
        await Table(reminders, "service-b").UpsertRow(Entry(seizure, "wake", s_start, TimeSpan.FromMinutes(1)));
        Assert.Equal(3, (await table.ReadRows(0u, 0u)).Reminders.Count);

        // Removed only if unchanged since it was read: a moved reminder stays.
        Assert.False(await table.RemoveRow(seizure, "wake", first!));
        Assert.True(await table.RemoveRow(seizure, "wake", moved!));
        Assert.Null(await table.ReadRow(seizure, "wake"));
        Assert.Single((await table.ReadRows(seizure)).Reminders);
        Assert.False(await table.RemoveRow(seizure, "review:P-1", "not a version"));
        Assert.Single((await table.ReadRows(seizure)).Reminders);
    }

    [Theory]
    [AllStorages]
    public async Task Reminders_set_at_once_by_many_grains_are_committed_together_each_answered_with_its_own_version(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var store = await storage.OpenStoreAsync();
        await using var reminders = Reminders(store);
        var table = Table(reminders, "service-a");
        var grains = Enumerable.Range(0, 500).Select(i => GrainId.Create("seizure", $"T-{i}@upbit/U{i}")).ToArray();

        // Every grain sets its reminder, then moves it, then one in five removes it, all at once:
        // each caller's answer is its own row's, whatever batch it went in.
        var set = await Task.WhenAll(grains.Select(g => table.UpsertRow(Entry(g, "wake", s_start, TimeSpan.FromMinutes(1)))));
        Assert.All(set, etag => Assert.Equal("1", etag));
        var moved = await Task.WhenAll(grains.Select((g, i) => table.UpsertRow(Entry(g, "wake", s_start.AddHours(i), TimeSpan.FromMinutes(1)))));
        Assert.All(moved, etag => Assert.Equal("2", etag));
        var removed = await Task.WhenAll(grains.Select((g, i) => table.RemoveRow(g, "wake", i % 5 == 0 ? "2" : "1")));
        Assert.Equal(100, removed.Count(r => r));

        var left = (await table.ReadRows(0u, 0u)).Reminders.ToDictionary(r => r.GrainId);
        Assert.Equal(400, left.Count);
        for (var i = 0; i < grains.Length; i++)
        {
            Assert.Equal(i % 5 != 0, left.TryGetValue(grains[i], out var row));
            if (row is not null)
            {
                Assert.Equal(s_start.AddHours(i), row.StartAt);
            }
        }
    }

    [Fact]
    public async Task Membership_changes_only_from_the_version_read_and_heartbeats_do_not_move_it()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Postgres);
        await using var store = await storage.OpenStoreAsync();
        var table = MembershipTable(store, "cluster-a");
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);

        var empty = await table.ReadAllAsync();
        Assert.Empty(empty.Members);
        var silo = SiloAddress.New(IPAddress.Loopback, 11111, 1);
        var entry = Member(silo, SiloStatus.Joining);
        Assert.True(await table.InsertRowAsync(entry, empty.Version.Next()));
        Assert.False(await table.InsertRowAsync(Member(SiloAddress.New(IPAddress.Loopback, 11112, 1), SiloStatus.Joining), empty.Version.Next()));

        var joined = await table.ReadAllAsync();
        var (stored, etag) = Assert.Single(joined.Members);
        Assert.Equal(silo, stored.SiloAddress);
        Assert.Equal(SiloStatus.Joining, stored.Status);

        entry.Status = SiloStatus.Active;
        Assert.True(await table.UpdateRowAsync(entry, etag, joined.Version.Next()));
        Assert.False(await table.UpdateRowAsync(entry, etag, joined.Version.Next()));

        var active = await table.ReadRowAsync(silo);
        var heartbeat = Member(silo, SiloStatus.Active);
        heartbeat.IAmAliveTime = s_start.AddMinutes(5);
        await table.UpdateIAmAliveAsync(heartbeat);
        var after = await table.ReadAllAsync();
        Assert.Equal(active.Version.Version, after.Version.Version);
        Assert.Equal(s_start.AddMinutes(5), after.Members.Single().Item1.IAmAliveTime);

        // Another cluster on the same store sees none of it; a gateway is listed while active.
        var other = MembershipTable(store, "cluster-b");
        await other.InitializeMembershipTableAsync(tryInitTableVersion: true);
        Assert.Empty((await other.ReadAllAsync()).Members);

        entry.Status = SiloStatus.Dead;
        Assert.True(await table.UpdateRowAsync(entry, after.Members.Single().Item2, after.Version.Next()));
        await table.CleanupDefunctSiloEntriesAsync(s_start.AddDays(1));
        Assert.Empty((await table.ReadAllAsync()).Members);
    }

    private static ReminderStore Reminders(ITrackingStore store) => new(store, new StorageOptions(), NullLogger<ReminderStore>.Instance);

    private static StoreReminderTable Table(ReminderStore reminders, string serviceId) =>
        new(reminders, Options.Create(new ClusterOptions { ClusterId = "cluster-a", ServiceId = serviceId }));

    private static AdoNetClusteringTable MembershipTable(ITrackingStore store, string clusterId) =>
        new(
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "service-a" }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = store.AdoNetInvariant, ConnectionString = store.AdoNetConnectionString }),
            NullLogger<AdoNetClusteringTable>.Instance);

    private static ReminderEntry Entry(GrainId grain, string name, DateTime start, TimeSpan period) =>
        new() { GrainId = grain, ReminderName = name, StartAt = start, Period = period };

    private static MembershipEntry Member(SiloAddress silo, SiloStatus status) => new()
    {
        SiloAddress = silo,
        Status = status,
        SiloName = "silo-" + silo.Endpoint.Port,
        HostName = "localhost",
        ProxyPort = 30000,
        StartTime = s_start,
        IAmAliveTime = s_start,
    };
}
