namespace Tracking.LoadTests.Api;

/// <summary>One store's requests under wrk, the first being the baseline; <see cref="Cases"/> is how many cases the requests spread over.</summary>
internal sealed record ApiStoreFigures(string Store, int Cases, IReadOnlyList<ApiRequestFigures> Requests);
