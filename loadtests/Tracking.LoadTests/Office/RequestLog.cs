using System.Collections.Concurrent;
using System.Diagnostics;

namespace Tracking.LoadTests.Office;

/// <summary>How a request ended: answered (2xx), refused with a reason (4xx), or failed (5xx, no answer, timed out).</summary>
internal enum RequestOutcome
{
    Answered,
    Refused,
    Failed,
}

/// <summary>One request: what it was, when it was sent (seconds into the run), how long it took, how it ended.</summary>
internal readonly record struct RequestRecord(string Endpoint, double AtSeconds, double Ms, RequestOutcome Outcome);

/// <summary>Every request the office's people sent, and the first few reasons given for each refusal and failure.</summary>
internal sealed class RequestLog
{
    private const int ReasonsKept = 5;
    private readonly ConcurrentQueue<RequestRecord> _records = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _reasons = new();
    private readonly long _started = Stopwatch.GetTimestamp();

    public double Now => Stopwatch.GetElapsedTime(_started).TotalSeconds;

    public IReadOnlyCollection<RequestRecord> Records => _records;

    public void Add(string endpoint, double atSeconds, RequestOutcome outcome, string? reason = null)
    {
        _records.Enqueue(new RequestRecord(endpoint, atSeconds, (Now - atSeconds) * 1000, outcome));
        if (reason is not null && _reasons.GetOrAdd($"{endpoint} {outcome}", _ => new()) is var kept && kept.Count < ReasonsKept)
        {
            kept.Enqueue(reason);
        }
    }

    public IEnumerable<string> Reasons(string endpoint, RequestOutcome outcome) =>
        _reasons.TryGetValue($"{endpoint} {outcome}", out var kept) ? kept : [];
}
