using Tracking.Domain.Matching;
using Tracking.Runtime;

namespace Tracking.Grains.Sweeps;

/// <summary>The sweep over everything imported into this store; keyed <see cref="SweepGrain.Main"/>.</summary>
public interface ISweepGrain : IGrain;

/// <summary>Runs a sweep: every shard compares what meets in it; new candidates are recorded with their taxpayer and account.</summary>
public sealed record RunSweep(string RequestedBy) : IGrainCall<ISweepGrain, SweepSummary>;

/// <summary>Progress of a running sweep, answered while it runs.</summary>
public sealed record GetSweepStatus : IGrainCall<ISweepGrain, SweepStatus>, IInterleavingCall;

/// <summary>Every candidate found so far, optionally only those with one decision; waits for a running sweep to finish.</summary>
public sealed record GetCandidates(MatchDecision? Decision) : IGrainCall<ISweepGrain, IReadOnlyList<MatchCandidate>>;

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

public sealed record SweepStatus(bool Running, int ShardsDone, int ShardsTotal, int CandidatesSoFar, SweepSummary? LastRun);

/// <summary>The last run only: the candidates themselves live in the history (each run's new ones), so a run writes what it found, not everything ever found.</summary>
public sealed record SweepState(SweepSummary? LastRun);

public abstract record SweepEvent;

/// <summary>A finished sweep and the candidates it found that were not known before.</summary>
public sealed record SweepCompleted(SweepSummary Summary, IReadOnlyList<MatchCandidate> NewCandidates) : SweepEvent;
