using System.Text.Json;
using Orleans.Placement;
using Tracking.Storage;
using Tracking.Storage.Persistence;

namespace Tracking.LoadTests;

/// <summary>
/// A bench grain on Tracking's store, written through it as Tracking's grains are (group commit,
/// the version read as the expected one). Their base class (<c>EventSourcedGrain</c>) serializes
/// with the product's source-generated JSON metadata, which knows only the product's types, so
/// this grain writes its state and event as JSON of its own, the same the one-transaction-per-write
/// baseline writes. Placed on the silo that first calls it, so that a benchmark knows where it is.
/// </summary>
[GrainType(TypeName), PreferLocalPlacement]
public sealed class BenchGrain(GrainStateStore store, ILocalSiloDetails silo) : Grain, IBenchGrain
{
    public const string TypeName = "bench";

    private long _version;
    private long _total;

    private GrainKey Key => new(TypeName, this.GetPrimaryKeyString());

    /// <summary>A write of <paramref name="grain"/> from <paramref name="version"/>, its total moved from <paramref name="total"/> by <paramref name="by"/>: new state and one event.</summary>
    public static StateWrite Write(GrainKey grain, long version, long total, int by) =>
        new(grain, version, $"{{\"Total\":{total + by}}}", [new EventRecord("Bumped", $"{{\"By\":{by}}}")], DateTimeOffset.UtcNow);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (await store.ReadAsync(Key, cancellationToken) is { } stored)
        {
            using var state = JsonDocument.Parse(stored.Json!);
            (_version, _total) = (stored.Version, state.RootElement.GetProperty("Total").GetInt64());
        }
    }

    public Task<int> PingAsync(int value) => Task.FromResult(value + 1);

    public Task<string> WhereAsync() => Task.FromResult(silo.SiloAddress.ToString());

    public async Task PingOtherAsync(string key, int calls)
    {
        var other = GrainFactory.GetGrain<IBenchGrain>(key);
        for (var i = 0; i < calls; i++)
        {
            await other.PingAsync(i);
        }
    }

    public async Task<long> BumpAsync(int by)
    {
        _version = await store.WriteAsync(Write(Key, _version, _total, by), CancellationToken.None);
        _total += by;
        return _total;
    }
}
