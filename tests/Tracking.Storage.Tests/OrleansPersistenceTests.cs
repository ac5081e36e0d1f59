using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;
using Tracking.TestingHost;

namespace Tracking.Storage.Tests;

/// <summary>
/// Our migrations' grain-storage table and SQL, driven by Orleans' own ADO.NET grain storage as a
/// silo drives it, on both engines. Tracking's grains keep their state in our store; this provider
/// is what the load tests measure ours against, so it must keep Orleans' contract: a missing grain
/// reads as new, a write moves the ETag, and a write from a stale ETag is refused.
/// </summary>
public sealed class OrleansPersistenceTests
{
    [Theory]
    [AllStorages]
    public async Task A_state_is_read_written_and_cleared_only_from_the_version_read(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var store = await storage.OpenStoreAsync();
        var provider = await StartProviderAsync(store);
        var grain = GrainId.Create("bench", "T-1");

        var fresh = new GrainState<List<string>>();
        await provider.ReadStateAsync("BenchState", grain, fresh);
        Assert.False(fresh.RecordExists);
        Assert.Null(fresh.ETag);
        Assert.NotNull(fresh.State);
        Assert.Empty(fresh.State);

        fresh.State = ["first"];
        await provider.WriteStateAsync("BenchState", grain, fresh);
        var read = new GrainState<List<string>>();
        await provider.ReadStateAsync("BenchState", grain, read);
        Assert.True(read.RecordExists);
        Assert.Equal(fresh.ETag, read.ETag);
        Assert.Equal(["first"], read.State);

        // Another state name and another key of the same grain type are other rows.
        var other = new GrainState<List<string>>();
        await provider.ReadStateAsync("OtherState", grain, other);
        await provider.ReadStateAsync("BenchState", GrainId.Create("bench", "T-2"), other);
        Assert.False(other.RecordExists);

        read.State = ["second"];
        await provider.WriteStateAsync("BenchState", grain, read);
        Assert.NotEqual(fresh.ETag, read.ETag);

        // A stale activation, and a second activation that never read, are both refused; nothing changes.
        fresh.State = ["stale"];
        await Assert.ThrowsAsync<InconsistentStateException>(() => provider.WriteStateAsync("BenchState", grain, fresh));
        await Assert.ThrowsAsync<InconsistentStateException>(() => provider.WriteStateAsync("BenchState", grain, new GrainState<List<string>>(["unread"])));
        var after = new GrainState<List<string>>();
        await provider.ReadStateAsync("BenchState", grain, after);
        Assert.Equal(["second"], after.State);
        Assert.Equal(read.ETag, after.ETag);

        // A clear keeps the version counting, so the activation that read before it cannot write over it.
        await provider.ClearStateAsync("BenchState", grain, after);
        var cleared = new GrainState<List<string>>();
        await provider.ReadStateAsync("BenchState", grain, cleared);
        Assert.False(cleared.RecordExists);
        Assert.Equal(after.ETag, cleared.ETag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => provider.WriteStateAsync("BenchState", grain, read));
        cleared.State = ["again"];
        await provider.WriteStateAsync("BenchState", grain, cleared);
        Assert.True(cleared.RecordExists);
    }

    /// <summary>The provider as a silo has it: registered under a name, its SQL loaded from <c>OrleansQuery</c> as the silo starts.</summary>
    private static async Task<IGrainStorage> StartProviderAsync(ITrackingStore store)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSerializer()
            // What a silo serializes grain state with unless told otherwise.
            .AddSingleton<OrleansJsonSerializer>()
            .AddSingleton<IGrainStorageSerializer, JsonGrainStorageSerializer>()
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("cluster-a", "service-a"))
            .AddAdoNetGrainStorage("adonet", o => (o.Invariant, o.ConnectionString) = (store.AdoNetInvariant, store.AdoNetConnectionString))
            .BuildServiceProvider();
        var provider = services.GetRequiredKeyedService<IGrainStorage>("adonet");
        var lifecycle = new SiloLifecycleSubject(NullLogger<SiloLifecycleSubject>.Instance);
        ((ILifecycleParticipant<ISiloLifecycle>)provider).Participate(lifecycle);
        await lifecycle.OnStart();
        return provider;
    }
}
