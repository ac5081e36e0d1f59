using Tracking.Domain.Matching;
using Tracking.Grains.Accounts;
using Tracking.Grains.Matching;
using Tracking.Grains.Taxpayers;
using Tracking.Runtime;

namespace Tracking.Grains.Sweeps;

/// <summary>
/// Fans a sweep out over the match index shards in parallel, records each new candidate in both
/// its taxpayer's and its account's grain, and remembers every candidate, so a re-run finds
/// nothing new. If it stops halfway, the next run records the rest (recording is idempotent).
/// </summary>
[GrainType("sweep")]
public sealed class SweepGrain : Grain<SweepState, SweepEvent>, ISweepGrain,
    IHandle<RunSweep, SweepSummary>,
    IHandle<GetSweepStatus, SweepStatus>,
    IHandle<GetCandidates, IReadOnlyList<MatchCandidate>>
{
    public const string Main = "main";

    private static readonly TimeSpan s_shardTimeout = TimeSpan.FromMinutes(30);
    private readonly Lock _progressGate = new();
    private readonly Dictionary<(string, string, string), MatchCandidate> _candidates = [];
    private SweepStatus? _running;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var recorded in await ReadHistoryAsync(cancellationToken))
        {
            Remember(((SweepCompleted)recorded.Event).NewCandidates);
        }
    }

    public async Task<SweepSummary> HandleAsync(RunSweep message, CancellationToken cancellationToken)
    {
        var startedAt = TimeProvider.GetUtcNow();
        var shards = MatchIndex.AllShards().ToArray();
        _running = new SweepStatus(true, 0, shards.Length, 0, State.LastRun);
        try
        {
            var found = await Task.WhenAll(shards.Select(async shard =>
            {
                var candidates = await GrainFactory.Get<IMatchShardGrain>(shard).CallAsync(new FindCandidates(), s_shardTimeout, cancellationToken);
                lock (_progressGate)
                {
                    _running = _running with { ShardsDone = _running.ShardsDone + 1, CandidatesSoFar = _running.CandidatesSoFar + candidates.Count };
                }

                return candidates;
            }));

            // A pair that shares several keys can meet in several shards.
            var candidates = found.SelectMany(c => c).DistinctBy(c => (c.TaxpayerId, c.Exchange, c.AccountId)).ToArray();
            var fresh = candidates.Where(c => !_candidates.TryGetValue((c.TaxpayerId, c.Exchange, c.AccountId), out var old) || !old.Equals(c)).ToArray();

            await Parallel.ForEachAsync(
                fresh,
                new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken },
                async (candidate, ct) =>
                {
                    await GrainFactory.Get<ITaxpayerGrain>(candidate.TaxpayerId).CallAsync(new RecordTaxpayerCandidate(candidate), ct);
                    await GrainFactory.Get<IExchangeAccountGrain>(AccountKey.Of(candidate.Exchange, candidate.AccountId)).CallAsync(new RecordAccountCandidate(candidate), ct);
                });

            var summary = new SweepSummary(
                (State.LastRun?.Run ?? 0) + 1,
                message.RequestedBy,
                startedAt,
                TimeProvider.GetUtcNow(),
                shards.Length,
                candidates.Length,
                fresh.Count(c => c.Decision == MatchDecision.Auto),
                fresh.Count(c => c.Decision == MatchDecision.Review),
                candidates.Length - fresh.Length);
            await WriteStateAsync(new SweepState(summary), [new SweepCompleted(summary, fresh)], cancellationToken);
            Remember(fresh);
            return summary;
        }
        finally
        {
            _running = null;
        }
    }

    public Task<SweepStatus> HandleAsync(GetSweepStatus message, CancellationToken cancellationToken)
    {
        lock (_progressGate)
        {
            return Task.FromResult(_running ?? new SweepStatus(false, 0, MatchIndex.ShardCount, 0, State.LastRun));
        }
    }

    public Task<IReadOnlyList<MatchCandidate>> HandleAsync(GetCandidates message, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<MatchCandidate>>(
            _candidates.Values
                .Where(c => message.Decision is null || c.Decision == message.Decision)
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
