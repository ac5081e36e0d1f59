namespace Tracking.LoadTests;

/// <summary>
/// <see cref="BenchGrain.BumpAsync"/>'s work with Orleans' persistent state on Orleans' ADO.NET grain
/// storage (<c>Microsoft.Orleans.Persistence.AdoNet</c>, on the <c>orleans_storage</c> table of
/// <see cref="OrleansStorageSchema"/>): one transaction per write, checked against the ETag the activation read.
/// </summary>
[GrainType("bench-orleans-stored")]
public sealed class OrleansStoredGrain([PersistentState("total", OrleansStoredGrain.Storage)] IPersistentState<BenchTotal> state) : Grain, IOrleansStoredGrain
{
    /// <summary>The name the silo registers Orleans' ADO.NET grain storage under.</summary>
    public const string Storage = "adonet";

    public async Task<long> BumpAsync(int by)
    {
        state.State.Total += by;
        await state.WriteStateAsync();
        return state.State.Total;
    }
}
