namespace Tracking.LoadTests;

/// <summary>The state of <see cref="OrleansStoredGrain"/>, as <see cref="BenchGrain"/> stores its own.</summary>
[GenerateSerializer]
public sealed class BenchTotal
{
    [Id(0)]
    public long Total { get; set; }
}
