namespace Tracking.Silo.Telemetry;

/// <summary>What a silo did per second between two readings of its figures.</summary>
public sealed record SiloRates(
    double Seconds,
    double CallsPerSecond,
    double FailedCallsPerSecond,
    double? MeanCallMilliseconds,
    double WritesPerSecond,
    double ConflictsPerSecond,
    double ExchangeRequestsPerSecond,
    double ExchangeFailuresPerSecond,
    double RowsPerSecond,
    double TransitionsPerSecond)
{
    /// <summary>Null unless <paramref name="later"/> is later; a restarted process (counts went down) starts again from zero.</summary>
    public static SiloRates? Between(SiloFigures earlier, SiloFigures later)
    {
        var seconds = (later.At - earlier.At).TotalSeconds;
        if (seconds <= 0)
        {
            return null;
        }

        var from = later.Calls < earlier.Calls ? later with { Calls = 0, FailedCalls = 0, CallMilliseconds = 0, Writes = 0, Conflicts = 0, ExchangeRequests = 0, ExchangeFailures = 0, Rows = 0, Transitions = 0 } : earlier;
        var calls = later.Calls - from.Calls;
        return new SiloRates(
            seconds,
            calls / seconds,
            (later.FailedCalls - from.FailedCalls) / seconds,
            calls > 0 ? (later.CallMilliseconds - from.CallMilliseconds) / calls : null,
            (later.Writes - from.Writes) / seconds,
            (later.Conflicts - from.Conflicts) / seconds,
            (later.ExchangeRequests - from.ExchangeRequests) / seconds,
            (later.ExchangeFailures - from.ExchangeFailures) / seconds,
            (later.Rows - from.Rows) / seconds,
            (later.Transitions - from.Transitions) / seconds);
    }
}
