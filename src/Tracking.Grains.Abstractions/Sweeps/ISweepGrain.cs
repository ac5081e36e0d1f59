using Tracking.Domain.Matching;

namespace Tracking.Grains.Sweeps;

/// <summary>The sweep over everything imported into this store; keyed <see cref="Main"/>.</summary>
[Alias("sweep")]
public interface ISweepGrain : IGrainWithStringKey
{
    public const string Main = "main";

    /// <summary>Runs a sweep: every shard compares what meets in it; new candidates are recorded with their taxpayer and account.</summary>
    [Alias("run"), ResponseTimeout("01:00:00")]
    Task<SweepSummary> RunAsync(string requestedBy, CancellationToken cancellationToken = default);

    /// <summary>Progress of a running sweep, answered while it runs.</summary>
    [Alias("status"), AlwaysInterleave]
    Task<SweepStatus> GetStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>Every candidate found so far, optionally only those with one decision; waits for a running sweep to finish.</summary>
    [Alias("candidates"), ResponseTimeout("01:00:00")]
    Task<IReadOnlyList<MatchCandidate>> GetCandidatesAsync(MatchDecision? decision, CancellationToken cancellationToken = default);
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
    int Unchanged);

[GenerateSerializer, Immutable, Alias("sweep-status")]
public sealed record SweepStatus(bool Running, int ShardsDone, int ShardsTotal, int CandidatesSoFar, SweepSummary? LastRun);
