using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Tracking.Domain.Matching;
using Tracking.Grains.Accounts;
using Tracking.Grains.Matching;
using Tracking.Grains.Persistence;
using Tracking.Grains.Taxpayers;

namespace Tracking.Grains.Sweeps;

/// <summary>
/// Fans a sweep out over the match index shards in parallel, records each new candidate in both
/// its taxpayer's and its account's grain, and remembers every candidate, so a re-run finds
/// nothing new. If it stops halfway, the next run records the rest (recording is idempotent).
/// </summary>
[GrainType("sweep")]
public sealed class SweepGrain([FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time)
    : EventSourcedGrain<SweepState, SweepEvent>, ISweepGrain
{
    private readonly Dictionary<(string, string, string), MatchCandidate> _candidates = [];
    private SweepStatus? _running;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        foreach (var recorded in await ReadHistoryAsync(cancellationToken))
        {
            Remember(((SweepCompleted)recorded.Event).NewCandidates);
        }
    }

    public async Task<SweepSummary> RunAsync(string requestedBy, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var shards = MatchIndex.AllShards().ToArray();
        _running = new SweepStatus(true, 0, shards.Length, 0, State.LastRun);
        try
        {
            var found = await Task.WhenAll(shards.Select(async shard =>
            {
                var candidates = await GrainFactory.GetGrain<IMatchShardGrain>(shard).FindCandidatesAsync(cancellationToken);
                _running = _running with { ShardsDone = _running.ShardsDone + 1, CandidatesSoFar = _running.CandidatesSoFar + candidates.Count };

                return candidates;
            }));

            // A pair that shares several keys can meet in several shards.
            var candidates = found.SelectMany(c => c).DistinctBy(c => (c.TaxpayerId, c.Exchange, c.AccountId)).ToArray();
            var fresh = candidates.Where(c => !_candidates.TryGetValue((c.TaxpayerId, c.Exchange, c.AccountId), out var old) || !old.Equals(c)).ToArray();

            await Parallel.ForEachAsync(
                fresh,
                new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken, TaskScheduler = TaskScheduler.Current },
                async (candidate, ct) =>
                {
                    await GrainFactory.GetGrain<ITaxpayerGrain>(candidate.TaxpayerId).RecordCandidateAsync(candidate, ct);
                    await GrainFactory.GetGrain<IExchangeAccountGrain>(AccountKey.Of(candidate.Exchange, candidate.AccountId)).RecordCandidateAsync(candidate, ct);
                });

            var summary = new SweepSummary(
                (State.LastRun?.Run ?? 0) + 1,
                requestedBy,
                startedAt,
                time.GetUtcNow(),
                shards.Length,
                candidates.Length,
                fresh.Count(c => c.Decision == MatchDecision.Auto),
                fresh.Count(c => c.Decision == MatchDecision.Review),
                candidates.Length - fresh.Length);
            await WriteStateAsync(new SweepState(summary), [new SweepCompleted(summary, fresh)], time.GetUtcNow(), cancellationToken);
            Remember(fresh);
            return summary;
        }
        finally
        {
            _running = null;
        }
    }

    public Task<SweepStatus> GetStatusAsync(CancellationToken cancellationToken) =>
        Task.FromResult(_running ?? new SweepStatus(false, 0, MatchIndex.ShardCount, 0, State.LastRun));

    public Task<IReadOnlyList<MatchCandidate>> GetCandidatesAsync(MatchDecision? decision, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<MatchCandidate>>(
            _candidates.Values
                .Where(c => decision is null || c.Decision == decision)
                .OrderBy(c => c.TaxpayerId, StringComparer.Ordinal).ThenBy(c => c.Exchange, StringComparer.Ordinal).ThenBy(c => c.AccountId, StringComparer.Ordinal)
                .ToArray());

    protected override SweepState CreateInitialState() => new(LastRun: null);

    private void Remember(IEnumerable<MatchCandidate> candidates)
    {
        foreach (var candidate in candidates)
        {
            _candidates[(candidate.TaxpayerId, candidate.Exchange, candidate.AccountId)] = candidate;
        }
    }
}

/// <summary>The last run only: the candidates themselves live in the history (each run's new ones), so a run writes what it found, not everything ever found.</summary>
public sealed record SweepState(SweepSummary? LastRun);

public abstract record SweepEvent;

/// <summary>A finished sweep and the candidates it found that were not known before.</summary>
public sealed record SweepCompleted(SweepSummary Summary, IReadOnlyList<MatchCandidate> NewCandidates) : SweepEvent;
