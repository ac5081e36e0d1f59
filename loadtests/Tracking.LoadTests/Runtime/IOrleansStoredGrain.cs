namespace Tracking.LoadTests;

/// <summary>A bench grain whose state Orleans' own ADO.NET grain storage keeps.</summary>
[Alias("bench-orleans-stored")]
public interface IOrleansStoredGrain : IGrainWithStringKey
{
    /// <summary>Adds to the total in one durable write of the state (Orleans' storage keeps no history); returns the total.</summary>
    [Alias("bump")]
    Task<long> BumpAsync(int by);
}
