namespace Tracking.LoadTests.Api;

/// <summary>One kind of request under wrk: its short name (<c>session</c>, <c>live</c>, <c>case</c>, <c>taxpayer</c>, <c>case-page</c>) and what wrk measured.</summary>
internal sealed record ApiRequestFigures(string Request, Throughput Throughput);
