namespace Tracking.LoadTests.Api;

/// <summary>What the case API benchmark measured: each store's requests, the first being the baseline.</summary>
internal sealed record ApiFigures(int Seconds, int Connections, IReadOnlyList<ApiStoreFigures> Stores);
