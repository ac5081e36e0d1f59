using Tracking.Domain.Matching;
using Tracking.Grains.Matching;

namespace Tracking.Grains.Sweeps;

/// <summary>The sweep over everything imported into this store; keyed <see cref="Main"/>.</summary>
[Alias("sweep")]
public interface ISweepGrain : IGrainWithStringKey
{
    public const string Main = "main";

    /// <summary>
    /// Runs a sweep and waits for it: the match index is filed from the records as stored, every
    /// shard compares what meets in it, and new candidates are recorded with their taxpayers. While
    /// the shards keep the last sweep's index, only the records whose matched fields changed since
    /// are filed again and compared, unless <paramref name="full"/>. For callers in a silo; callers outside one start
    /// it and watch its progress (<see cref="StartAsync"/>), as a silo's loss cuts off what they wait for.
    /// </summary>
    [Alias("run"), ResponseTimeout("01:00:00")]
    Task<SweepSummary> RunAsync(string requestedBy, bool full = false, CancellationToken cancellationToken = default);

    /// <summary>Starts a sweep in the grain unless one runs already (<paramref name="full"/>: as <see cref="RunAsync"/>); answers its progress at once.</summary>
    [Alias("start"), AlwaysInterleave, ResponseTimeout("00:00:05")]
    Task<SweepStatus> StartAsync(string requestedBy, bool full = false, CancellationToken cancellationToken = default);

    /// <summary>Progress of a running sweep, answered while it runs (at once, or not at all: its silo is gone).</summary>
    [Alias("status"), AlwaysInterleave, ResponseTimeout("00:00:05")]
    Task<SweepStatus> GetStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>Every candidate found so far, optionally only those with one decision; waits for a running sweep to finish.</summary>
    // A new alias with the packed answer: a silo of the version before answered with a list.
    [Alias("candidates-packed"), ResponseTimeout("01:00:00")]
    Task<FoundCandidates> GetCandidatesAsync(MatchDecision? decision, CancellationToken cancellationToken = default);

    /// <summary>The match weights the last sweep learnt and weighed its candidates with; null before any sweep.</summary>
    [Alias("model"), AlwaysInterleave]
    Task<Domain.Matching.Weights.MatchModel?> GetModelAsync(CancellationToken cancellationToken = default);
}

[GenerateSerializer, Immutable, Alias("sweep-summary")]
public sealed record SweepSummary(
    int Run,
    string RequestedBy,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    int Shards,
    int CandidatesFound,
    int NewAuto,
    int NewReview,
    int Unchanged)
{
    /// <summary>Review items known before that this sweep no longer found: taken out of the queue, unless a person decided on them.</summary>
    [Id(9)]
    public int NoLongerFound { get; init; }

    /// <summary>For a sweep that filed only what changed since the last: how many taxpayers and accounts it filed again; null for one that filed everything.</summary>
    [Id(10)]
    public long? RecordsRevised { get; init; }

    /// <summary>Where the sweep's time went; null for a sweep recorded before it was measured.</summary>
    [Id(11)]
    public SweepPhases? Phases { get; init; }
}

/// <summary>
/// Seconds of a sweep's parts, one after another: filing the match index from the store (or only
/// what changed), learning the match weights (none when the last sweep's are used), comparing in
/// the shards, and recording what is new with the taxpayers and in the sweep's history.
/// </summary>
[GenerateSerializer, Immutable, Alias("sweep-phases")]
public sealed record SweepPhases(double FilingSeconds, double LearningSeconds, double ComparingSeconds, double RecordingSeconds);

/// <summary>A sweep's progress, the last run's summary, and why the last attempt failed if it did.</summary>
[GenerateSerializer, Immutable, Alias("sweep-status")]
public sealed record SweepStatus(bool Running, int ShardsDone, int ShardsTotal, int CandidatesSoFar, SweepSummary? LastRun, string? LastFailure = null)
{
    /// <summary>Taxpayers and accounts the running sweep has read into its match index so far: its first part, before any shard compares.</summary>
    [Id(6)]
    public long RecordsIndexed { get; init; }

    /// <summary>
    /// The silo whose activation answered (its parsable address): the one that runs the sweep, for
    /// an operator deciding which silo to take down.
    /// </summary>
    [Id(7)]
    public string? Silo { get; init; }
}
