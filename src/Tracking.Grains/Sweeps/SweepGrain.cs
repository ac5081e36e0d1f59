using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Tracking.Domain.Matching;
using Tracking.Domain.Matching.Weights;
using Tracking.Grains.Accounts;
using Tracking.Grains.Matching;
using Tracking.Grains.Persistence;
using Tracking.Grains.Taxpayers;
using Tracking.Storage.Persistence;

namespace Tracking.Grains.Sweeps;

/// <summary>
/// Fans a sweep out over the match index shards in parallel, records each new candidate with its
/// taxpayer, and remembers every candidate, so a re-run finds
/// nothing new. If it stops halfway, the next run records the rest (recording is idempotent).
/// The shards keep a finished sweep's index: while they do, the next sweep files again only the
/// records whose matched fields changed and compares only what they meet, with the weights the
/// last full sweep learnt; asked for a full sweep, or when the index is gone, it files everything.
/// </summary>
[GrainType("sweep")]
public sealed partial class SweepGrain([FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time, GrainStateStore store, MatchIndexOptions options, MatchWork work, ILocalSiloDetails silo, ILogger<SweepGrain> logger)
    : EventSourcedGrain<SweepState, SweepEvent>, ISweepGrain
{
    /// <summary>How long the activation is kept while a sweep runs with nobody asking after it.</summary>
    private static readonly TimeSpan s_runKeepAlive = TimeSpan.FromHours(2);

    /// <summary>Identities of each side a shard sends for random pairs: 64 shards × 2,000 is a pool of 128,000 a side.</summary>
    private const int IdentitiesPerShard = 2_000;

    /// <summary>New candidates per event of the history: about 5 MB of JSON.</summary>
    private const int CandidatesPerEvent = 10_000;

    /// <summary>Above this share of the index's records changed, filing everything afresh is as quick as filing the changes (a tenth).</summary>
    private const int MostChangedPart = 10;

    private readonly Dictionary<(string, string, string), MatchCandidate> _candidates = [];
    private Task<SweepSummary>? _run;
    private MatchIndexBuilder? _index;
    private SweepStatus? _running;
    private string? _lastFailure;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        foreach (var recorded in await ReadHistoryAsync(cancellationToken))
        {
            switch (recorded.Event)
            {
                case SweepCandidatesFound found:
                    Remember(found.Candidates);
                    break;
                case SweepCompleted completed:
                    Remember(completed.NewCandidates);
                    Forget(completed.NoLongerFound ?? []);
                    break;
            }
        }
    }

    public Task<SweepSummary> RunAsync(string requestedBy, bool full, CancellationToken cancellationToken) => _run ?? Start(requestedBy, full);

    public Task<SweepStatus> StartAsync(string requestedBy, bool full, CancellationToken cancellationToken)
    {
        _ = _run ?? Start(requestedBy, full);
        return GetStatusAsync(cancellationToken);
    }

    public Task<SweepStatus> GetStatusAsync(CancellationToken cancellationToken) =>
        Task.FromResult((_running is { } running
            ? running with { RecordsIndexed = _index?.Records ?? 0 }
            : new SweepStatus(false, 0, MatchIndex.ShardCount, 0, State.LastRun, _lastFailure)) with { Silo = silo.SiloAddress.ToParsableString() });

    /// <summary>
    /// A sweep runs in the grain, not in the call that asked for it: a caller that goes away, or
    /// waits elsewhere, leaves it running; one that asks again meanwhile is told its progress.
    /// </summary>
    private Task<SweepSummary> Start(string requestedBy, bool full)
    {
        DelayDeactivation(s_runKeepAlive);
        _running = new SweepStatus(true, 0, MatchIndex.ShardCount, 0, State.LastRun);
        return _run = RunCoreAsync(requestedBy, full);
    }

    private async Task<SweepSummary> RunCoreAsync(string requestedBy, bool full)
    {
        try
        {
            var summary = await SweepAsync(requestedBy, full);
            _lastFailure = null;
            var phases = summary.Phases!;
            LogSweepDone(logger, summary.Run, requestedBy, summary.CandidatesFound, phases.FilingSeconds, phases.LearningSeconds, phases.ComparingSeconds, phases.RecordingSeconds);
            return summary;
        }
        catch (Exception ex)
        {
            _lastFailure = ex.Message;
            LogSweepFailed(logger, ex);
            throw;
        }
        finally
        {
            (_run, _running, _index) = (null, null, null);
            DelayDeactivation(TimeSpan.Zero);
        }
    }

    private async Task<SweepSummary> SweepAsync(string requestedBy, bool full)
    {
        var startedAt = time.GetUtcNow();
        var shards = MatchIndex.AllShards().ToArray();
        var held = State.Index;
        if (held is not null)
        {
            // The index is about to change: a run that stops before it is kept again files everything next time.
            await WriteStateAsync(State with { Index = null }, [], time.GetUtcNow(), CancellationToken.None);
        }

        var found = (full || held is null || State.Model is null ? null : await ReviseAsync(shards, held, State.Model))
            ?? await FileAndCompareAsync(shards);
        var (index, model, revised) = (found.Index, found.Model, found.Revised);
        var recording = time.GetTimestamp();
        // Over a second at national scale: off the grain's turn, as the shards' work is. Nothing else in
        // the grain touches what this reads while a sweep runs (a call for its candidates waits for the run).
        var (candidates, fresh, newlyGone, gone) = await work.RunAsync(() => Classified(found.Candidates, revised), CancellationToken.None);

        // One write per taxpayer: what an officer works from. The account keeps only what its
        // exchange reported; every candidate is also in this grain's history. The new candidates
        // enter the history in parts, each a write of its own (a national sweep's in one event
        // would be more than a stored value may hold: PostgreSQL, 1 GB; 256 MB as jsonb), each
        // once its taxpayers are recorded, while the next part's are: a run that stops between
        // parts has recorded those written with their taxpayers, and the next counts them known.
        await new CandidateRecording(GrainFactory, store, work).RecordAsync(
            fresh,
            CandidatesPerEvent,
            async part =>
            {
                await WriteStateAsync(State, [new SweepCandidatesFound(part)], time.GetUtcNow(), CancellationToken.None);
                Remember(part);
            },
            time.GetUtcNow(),
            CancellationToken.None);

        var run = (State.LastRun?.Run ?? 0) + 1;
        var summary = new SweepSummary(
            run,
            requestedBy,
            startedAt,
            time.GetUtcNow(),
            shards.Length,
            candidates.Length,
            fresh.Count(c => c.Decision == MatchDecision.Auto),
            fresh.Count(c => c.Decision == MatchDecision.Review),
            candidates.Length - fresh.Length)
        {
            // A stopped run's leftovers were counted by that run.
            NoLongerFound = newlyGone.Length,
            RecordsRevised = revised?.Records,
            Phases = found.Phases with { RecordingSeconds = time.GetElapsedTime(recording).TotalSeconds },
        };
        await WriteStateAsync(new SweepState(summary, model) { Withdrawing = gone.Length == 0 ? null : gone, Index = index }, [new SweepCompleted(summary, [], model) { NoLongerFound = gone }], time.GetUtcNow(), CancellationToken.None);
        Forget(gone);
        if (gone.Length > 0)
        {
            await WithdrawAsync(gone, run);
            await WriteStateAsync(State with { Withdrawing = null }, [], time.GetUtcNow(), CancellationToken.None);
        }

        return summary;
    }

    /// <summary>
    /// The sweep's candidates, each pair once; those that are news (<see cref="MatchCandidates.IsNews"/>);
    /// and the review items known before that it no longer finds, with those a stopped run left to withdraw.
    /// </summary>
    private (MatchCandidate[] Candidates, MatchCandidate[] Fresh, MatchCandidate[] NewlyGone, MatchCandidate[] Gone) Classified(IReadOnlyList<MatchCandidate> found, RevisedRecords? revised)
    {
        // A pair that shares several keys can meet in several shards.
        var candidates = found.DistinctBy(c => (c.TaxpayerId, c.Exchange, c.AccountId)).ToArray();
        var fresh = candidates.Where(c => !_candidates.TryGetValue((c.TaxpayerId, c.Exchange, c.AccountId), out var old) || MatchCandidates.IsNews(old, c)).ToArray();

        // A review item this sweep no longer finds (the weights now drop it, or a corrected record no longer meets)
        // leaves the queue, unless a person decided on it. The sweep is written first, with the
        // items still to withdraw: a sweep that stops halfway withdraws the rest next time, and
        // one found again meanwhile is recorded again, not withdrawn.
        // A sweep that filed only the changed records knows only their pairs.
        var known = candidates.Select(c => (c.TaxpayerId, c.Exchange, c.AccountId)).ToHashSet();
        var newlyGone = _candidates.Values
            .Where(c => c.Decision == MatchDecision.Review && !known.Contains((c.TaxpayerId, c.Exchange, c.AccountId)))
            .Where(c => revised is null || revised.Taxpayers.Contains(c.TaxpayerId) || revised.Accounts.Contains(AccountKey.Of(c.Exchange, c.AccountId)))
            .ToArray();
        var gone = newlyGone
            .Concat((State.Withdrawing ?? []).Where(c => !known.Contains((c.TaxpayerId, c.Exchange, c.AccountId))))
            .DistinctBy(c => (c.TaxpayerId, c.Exchange, c.AccountId))
            .ToArray();
        return (candidates, fresh, newlyGone, gone);
    }

    /// <summary>Files the whole index afresh from the records as stored, learns the weights from this sweep's own data, then every shard compares with them.</summary>
    private async Task<Found> FileAndCompareAsync(string[] shards)
    {
        var builder = _index = new MatchIndexBuilder(GrainFactory, store, Guid.NewGuid());
        try
        {
            var filing = time.GetTimestamp();
            var (taxpayers, accounts) = await builder.BuildAsync(CancellationToken.None);
            var learning = time.GetTimestamp();
            var model = await LearnAsync(shards, builder.Sweep);
            var comparing = time.GetTimestamp();
            var found = await Task.WhenAll(shards.Select(shard => CountedAsync(GrainFactory.GetGrain<IMatchShardGrain>(shard).FindCandidatesAsync(builder.Sweep, model), f => f.Candidates.Count)));
            var phases = new SweepPhases(Seconds(filing, learning), Seconds(learning, comparing), time.GetElapsedTime(comparing).TotalSeconds, 0);
            var kept = await KeepAsync(builder) ? new SweepIndex(builder.Sweep, builder.AsOf!.Value, taxpayers + accounts) : null;
            return new Found([.. found.SelectMany(f => f.Candidates)], model, kept, Revised: null, phases);
        }
        catch
        {
            await EndAsync(builder);
            throw;
        }
    }

    /// <summary>
    /// Files again in the index the shards kept only the records changed since it was last read,
    /// and compares only the pairs they meet in, weighed as the last full sweep learnt; null when a
    /// shard no longer holds the index, too much changed, or the revision failed (a shard lost
    /// midway): the sweep then files everything in the same run.
    /// </summary>
    private async Task<Found?> ReviseAsync(string[] shards, SweepIndex held, MatchModel model)
    {
        var builder = _index = new MatchIndexBuilder(GrainFactory, store, held.Id);
        try
        {
            var filing = time.GetTimestamp();
            if (await builder.ReviseAsync(held.AsOf, held.Records / MostChangedPart, CancellationToken.None) is not { } records)
            {
                LogFilingEverything(logger);
                return null;
            }

            var comparing = time.GetTimestamp();
            var found = await Task.WhenAll(shards.Select(shard => CountedAsync(GrainFactory.GetGrain<IMatchShardGrain>(shard).FindRevisedCandidatesAsync(held.Id, model), r => r.Candidates.Count)));
            var phases = new SweepPhases(Seconds(filing, comparing), 0, time.GetElapsedTime(comparing).TotalSeconds, 0);
            var kept = await KeepAsync(builder) ? held with { AsOf = builder.AsOf!.Value } : null;
            return new Found(
                [.. found.SelectMany(r => r.Candidates)],
                model,
                kept,
                new RevisedRecords(records, found.SelectMany(r => r.Taxpayers).ToHashSet(StringComparer.Ordinal), found.SelectMany(r => r.Accounts).ToHashSet(StringComparer.Ordinal)),
                phases);
        }
        catch (Exception ex)
        {
            // A half-revised index is let go; filing everything afresh needs none of it.
            LogRevisionFailed(logger, ex);
            await EndAsync(builder);
            _running = _running! with { ShardsDone = 0, CandidatesSoFar = 0 };
            return null;
        }
    }

    private double Seconds(long from, long to) => time.GetElapsedTime(from, to).TotalSeconds;

    /// <summary>A shard's answer, counted in the running sweep's progress.</summary>
    private async Task<T> CountedAsync<T>(Task<T> answer, Func<T, int> candidates)
    {
        var answered = await answer;
        _running = _running! with { ShardsDone = _running.ShardsDone + 1, CandidatesSoFar = _running.CandidatesSoFar + candidates(answered) };
        return answered;
    }

    /// <summary>
    /// The shards keep the index for the next sweep, if the silos keep any; whether they do. A
    /// shard that did not answer makes the next sweep file everything, without first asking them all.
    /// </summary>
    private async Task<bool> KeepAsync(MatchIndexBuilder index)
    {
        if (options.KeptFor == TimeSpan.Zero)
        {
            await EndAsync(index);
            return false;
        }

        try
        {
            await index.KeepAsync();
            return true;
        }
        catch (Exception ex)
        {
            LogShardsNotKept(logger, ex);
            return false;
        }
    }

    /// <summary>
    /// The shards let the sweep's identities go. Only memory rides on it: a shard that does not
    /// answer keeps them until its activation is collected, and the sweep goes on.
    /// </summary>
    private async Task EndAsync(MatchIndexBuilder index)
    {
        try
        {
            await index.EndAsync();
        }
        catch (Exception ex)
        {
            LogShardsNotEnded(logger, ex);
        }
    }

    /// <summary>Each item leaves its taxpayer's queue, unless a person decided on it.</summary>
    private async Task WithdrawAsync(MatchCandidate[] gone, int run) =>
        await Parallel.ForEachAsync(
            gone,
            new ParallelOptions { MaxDegreeOfParallelism = CandidateRecording.CallParallelism, TaskScheduler = TaskScheduler.Current },
            async (candidate, ct) => await GrainFactory.GetGrain<ITaxpayerGrain>(candidate.TaxpayerId).WithdrawCandidateAsync(candidate.Exchange, candidate.AccountId, $"sweep {run} no longer found it", ct));

    /// <summary>
    /// The shards' counts, and random pairs drawn from the identities they own: pairs of any two
    /// shards, in an order that does not depend on which shard answered first.
    /// </summary>
    private async Task<MatchModel> LearnAsync(string[] shards, Guid sweep)
    {
        var samples = await Task.WhenAll(shards.Select(shard => GrainFactory.GetGrain<IMatchShardGrain>(shard).SampleAsync(sweep, IdentitiesPerShard, MatchModelOptions.Default.PairsToLearnFrom / shards.Length)));
        // Seconds of arithmetic at national scale: off the grain's turn and the thread pool, as the shards' work is.
        return await work.RunAsync(
            () =>
            {
                var taxpayers = samples.SelectMany(s => s.Taxpayers).OrderBy(t => t.TaxpayerId, StringComparer.Ordinal).Select(t => t.Identity()).ToArray();
                var accounts = samples.SelectMany(s => s.Accounts).OrderBy(a => a.Exchange, StringComparer.Ordinal).ThenBy(a => a.AccountId, StringComparer.Ordinal).Select(a => a.Identity()).ToArray();
                var random = new ComparisonCounter();
                random.AddRandomPairs(taxpayers, accounts, MatchModelOptions.Default.RandomPairs, seed: 0);
                random.AddNames(taxpayers);
                return MatchModelTrainer.Train(samples.Aggregate(random.ToSample(0, 0), (all, part) => all.Add(part.Counts)));
            },
            CancellationToken.None);
    }

    public Task<MatchModel?> GetModelAsync(CancellationToken cancellationToken) => Task.FromResult(State.Model);

    public async Task<FoundCandidates> GetCandidatesAsync(MatchDecision? decision, CancellationToken cancellationToken)
    {
        if (_run is { } run)
        {
            await run;
        }

        return new FoundCandidates([..
            _candidates.Values
                .Where(c => decision is null || c.Decision == decision)
                .OrderBy(c => c.TaxpayerId, StringComparer.Ordinal).ThenBy(c => c.Exchange, StringComparer.Ordinal).ThenBy(c => c.AccountId, StringComparer.Ordinal)]);
    }

    protected override SweepState CreateInitialState() => new(LastRun: null);

    protected override bool IsWorking => _run is not null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {Run} started by {Actor} found {Candidates} candidates: filing {FilingSeconds:F1} s, learning {LearningSeconds:F1} s, comparing {ComparingSeconds:F1} s, recording {RecordingSeconds:F1} s")]
    private static partial void LogSweepDone(ILogger logger, int run, string actor, int candidates, double filingSeconds, double learningSeconds, double comparingSeconds, double recordingSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Match shards did not let a sweep's identities go; they keep them until their activations are collected")]
    private static partial void LogShardsNotEnded(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Match shards did not keep a sweep's index; the next sweep files everything")]
    private static partial void LogShardsNotKept(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "The last sweep's index is gone from a shard or too much changed since: this sweep files everything")]
    private static partial void LogFilingEverything(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Filing only the changes failed; this sweep files everything")]
    private static partial void LogRevisionFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A sweep failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);

    private void Remember(IEnumerable<MatchCandidate> candidates)
    {
        foreach (var candidate in candidates)
        {
            _candidates[(candidate.TaxpayerId, candidate.Exchange, candidate.AccountId)] = candidate;
        }
    }

    private void Forget(IEnumerable<MatchCandidate> candidates)
    {
        foreach (var candidate in candidates)
        {
            _candidates.Remove((candidate.TaxpayerId, candidate.Exchange, candidate.AccountId));
        }
    }
}

/// <summary>The last run only: the candidates themselves live in the history (each run's new ones), so a run writes what it found, not everything ever found.</summary>
/// <param name="Model">The match weights of the last sweep (null before sweeps learnt any).</param>
public sealed record SweepState(SweepSummary? LastRun, MatchModel? Model = null)
{
    /// <summary>Review items the last run no longer found and has not yet withdrawn everywhere (it stopped halfway); the next run finishes them.</summary>
    public IReadOnlyList<MatchCandidate>? Withdrawing { get; init; }

    /// <summary>The index the shards were asked to keep after the last run (null after a run that stopped before it was kept).</summary>
    public SweepIndex? Index { get; init; }
}

/// <summary>A match index kept in the shards: its id, the store's clock when its records were last read, and how many it was filed with.</summary>
public sealed record SweepIndex(Guid Id, DateTimeOffset AsOf, long Records);

/// <summary>What the shards found, the weights they weighed with, the index they keep (null: none), and, for a sweep that filed only changes, which.</summary>
internal sealed record Found(IReadOnlyList<MatchCandidate> Candidates, MatchModel Model, SweepIndex? Index, RevisedRecords? Revised, SweepPhases Phases);

/// <summary>The records a sweep filed again, and those of them filed otherwise than before (whose pairs it knows anew).</summary>
internal sealed record RevisedRecords(long Records, HashSet<string> Taxpayers, HashSet<string> Accounts);

public abstract record SweepEvent;

/// <summary>Part of the candidates a sweep found that were not known before, written ahead of its <see cref="SweepCompleted"/>.</summary>
public sealed record SweepCandidatesFound(IReadOnlyList<MatchCandidate> Candidates) : SweepEvent;

/// <summary>A finished sweep (and, in runs recorded before <see cref="SweepCandidatesFound"/>, the candidates it found that were not known before).</summary>
/// <param name="Model">The match weights the sweep learnt and weighed its candidates with (null in sweeps recorded before there were any).</param>
public sealed record SweepCompleted(SweepSummary Summary, IReadOnlyList<MatchCandidate> NewCandidates, MatchModel? Model = null) : SweepEvent
{
    /// <summary>Review candidates known before that this sweep did not find (withdrawn unless a person decided on them); null in sweeps recorded before withdrawals.</summary>
    public IReadOnlyList<MatchCandidate>? NoLongerFound { get; init; }
}
