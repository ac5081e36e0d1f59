using Tracking.Runtime.Persistence;
using Tracking.Runtime.Placement;
using Tracking.Runtime.Reminders;
using Tracking.TestingHost;

namespace Tracking.Runtime.Tests;

/// <summary>The store's side of single-writer: writes and reminder changes commit only under a current lease.</summary>
public sealed class LeaseFencingTests
{
    private static readonly GrainId s_grain = new("thing", "k");

    [Fact]
    public async Task Only_the_current_holder_at_the_current_epoch_commits_and_a_claim_takes_only_a_lapsed_lease()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Postgres);
        await using var provider = storage.CreateProvider();
        await provider.InitializeAsync(default);
        var leases = provider.Leases!;
        await leases.EnsurePartitionsAsync(4, default);

        var a = Assert.Single(await leases.ClaimAsync("a", [0], TimeSpan.FromMilliseconds(300), default));
        Assert.Empty(await leases.ClaimAsync("b", [0], TimeSpan.FromSeconds(30), default));
        Assert.IsType<WriteOutcome.Written>(Assert.Single(await provider.States.WriteBatchAsync([Write(0, 1) with { Fence = new LeaseFence("a", a.Epoch) }], default)));
        Assert.IsType<WriteOutcome.Fenced>(Assert.Single(await provider.States.WriteBatchAsync([Write(1, 2) with { Fence = new LeaseFence("b", a.Epoch) }], default)));

        // The lease lapses: even its holder is refused before anyone claims it.
        await Task.Delay(400);
        Assert.IsType<WriteOutcome.Fenced>(Assert.Single(await provider.States.WriteBatchAsync([Write(1, 2) with { Fence = new LeaseFence("a", a.Epoch) }], default)));
        Assert.Empty(await leases.RenewAsync("a", [a], TimeSpan.FromSeconds(30), default));

        var b = Assert.Single(await leases.ClaimAsync("b", [0], TimeSpan.FromSeconds(30), default));
        Assert.Equal(a.Epoch + 1, b.Epoch);
        Assert.IsType<WriteOutcome.Fenced>(Assert.Single(await provider.States.WriteBatchAsync([Write(1, 2) with { Fence = new LeaseFence("a", a.Epoch) }], default)));
        await Assert.ThrowsAsync<PartitionMovedException>(() => provider.Reminders.UpsertAsync(new ReminderEntry(s_grain, 0, "r", DateTimeOffset.UtcNow, null), new LeaseFence("a", a.Epoch), default));
        Assert.Empty(await provider.Reminders.ReadForGrainAsync(s_grain, default));

        Assert.IsType<WriteOutcome.Written>(Assert.Single(await provider.States.WriteBatchAsync([Write(1, 2) with { Fence = new LeaseFence("b", b.Epoch) }], default)));
        await provider.Reminders.UpsertAsync(new ReminderEntry(s_grain, 0, "r", DateTimeOffset.UtcNow, null), new LeaseFence("b", b.Epoch), default);
        Assert.Equal(2L, await storage.CountAsync("SELECT 1 FROM grain_events"));
        Assert.Single(await provider.Reminders.ReadForGrainAsync(s_grain, default));
    }

    private static StateWrite Write(long expected, int n) =>
        new(s_grain, 0, expected, $"{{\"n\":{n}}}", [new EventRecord("e", "{}")], DateTimeOffset.UtcNow);
}
