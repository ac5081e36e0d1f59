namespace Tracking.Grains.Operations;

/// <summary>The cluster as an operator watches it: every silo with what it holds and does.</summary>
[GenerateSerializer, Immutable, Alias("cluster-view")]
public sealed record ClusterView(DateTimeOffset At, IReadOnlyList<SiloView> Silos);

/// <summary>
/// One silo: its membership entry (status, last report of being alive), its activations; its
/// figures when asked (null otherwise, or with <see cref="Unreachable"/> saying why it did not
/// answer); its rates since the previous look of whoever watches (null on the first).
/// </summary>
[GenerateSerializer, Immutable, Alias("silo-view")]
public sealed record SiloView(
    string Address,
    string Name,
    string Status,
    bool Alive,
    double SecondsSinceHeartbeat,
    int Activations,
    SiloFigures? Figures,
    SiloRates? Rates,
    string? Unreachable);

/// <summary>
/// What one silo has done since its process started, read off its metrics: its grains' calls and
/// their storage writes by the silo's tag, the collection work's and exchange requests' for its process.
/// </summary>
[GenerateSerializer, Immutable, Alias("silo-figures")]
public sealed record SiloFigures(
    DateTimeOffset At,
    int Running,
    long Calls,
    long FailedCalls,
    double CallMilliseconds,
    long Writes,
    long Conflicts,
    long ExchangeRequests,
    long ExchangeFailures,
    long Rows,
    long Transitions);

/// <summary>What a silo did per second between two readings of its figures.</summary>
[GenerateSerializer, Immutable, Alias("silo-rates")]
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
