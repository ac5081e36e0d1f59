namespace Tracking.LoadTests.Lifecycle;

/// <summary>What the lifecycle benchmark measured on each store.</summary>
internal sealed record LifecycleFigures(int Seizures, int Concurrency, IReadOnlyList<StoreLifecycleFigures> Stores);
