namespace Tracking.LoadTests;

/// <summary>What the durable-write benchmark measured on each store.</summary>
internal sealed record DurableWriteFigures(int Grains, int Concurrency, double Seconds, IReadOnlyList<StoreWriteFigures> Stores);
