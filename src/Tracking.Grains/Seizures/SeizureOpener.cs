using Tracking.Domain.Matching;
using Tracking.Grains.Sweeps;
using Tracking.Grains.Taxpayers;

namespace Tracking.Grains.Seizures;

/// <summary>What opening seizures did: new ones, ones already open, and refusals with their reasons.</summary>
public sealed record SeizeSummary(int Candidates, int Opened, int AlreadyOpen, IReadOnlyList<string> Refused);

/// <summary>A review candidate named by its taxpayer and account.</summary>
public sealed record CandidatePair(string TaxpayerId, string Exchange, string AccountId);

/// <summary>Opens a seizure for every automatic match — never for a review candidate, which needs a person's approval.</summary>
public sealed class SeizureOpener(IGrainFactory grains)
{
    /// <summary>
    /// Opens a seizure for a review candidate a person approved; the taxpayer refuses the approval
    /// unless the sweep found exactly that pair for review and nobody rejected it. The approver and
    /// the evidence become the seizure's basis. Approving again opens a seizure the first time could not.
    /// </summary>
    public async Task<SeizureOpening> OpenApprovedReviewAsync(string taxpayerId, string exchange, string accountId, string approver, string? reason, CancellationToken cancellationToken)
    {
        var candidate = await grains.GetGrain<ITaxpayerGrain>(taxpayerId).ReviewCandidateAsync(exchange, accountId, true, approver, reason ?? "approved for seizure", cancellationToken);
        return await grains.GetGrain<ISeizureGrain>(SeizureKey.Of(taxpayerId, exchange, accountId)).OpenAsync(taxpayerId, exchange, accountId, MatchBasis.Approved(candidate, approver, reason), approver, cancellationToken);
    }

    /// <summary>Rejects a review candidate: it is not the taxpayer's account, and no seizure is opened for it.</summary>
    public Task<MatchCandidate> RejectReviewAsync(string taxpayerId, string exchange, string accountId, string by, string reason, CancellationToken cancellationToken) =>
        grains.GetGrain<ITaxpayerGrain>(taxpayerId).ReviewCandidateAsync(exchange, accountId, false, by, reason, cancellationToken);

    /// <summary>
    /// A supervisor's approval of several candidates at once, with one reason: each is approved and
    /// seized as one approval would be; one refused is listed and does not stop the others.
    /// </summary>
    public Task<SeizeSummary> OpenApprovedReviewsAsync(IReadOnlyList<CandidatePair> pairs, string approver, string reason, CancellationToken cancellationToken) =>
        OpenEachAsync(
            pairs.Distinct().ToArray(),
            p => $"{p.TaxpayerId} at {p.Exchange}/{p.AccountId}",
            (p, ct) => OpenApprovedReviewAsync(p.TaxpayerId, p.Exchange, p.AccountId, approver, reason, ct),
            cancellationToken);

    /// <summary>Opens a case for every automatic match; <paramref name="tally"/>, if given, counts them as they go, for whoever watches.</summary>
    public async Task<SeizeSummary> OpenForAutoMatchesAsync(string actor, CancellationToken cancellationToken, OpeningTally? tally = null)
    {
        var candidates = await grains.GetGrain<ISweepGrain>(ISweepGrain.Main).GetCandidatesAsync(MatchDecision.Auto, cancellationToken);
        return await OpenEachAsync(
            candidates,
            c => $"{c.TaxpayerId} at {c.Exchange}/{c.AccountId}",
            (c, ct) => grains.GetGrain<ISeizureGrain>(SeizureKey.Of(c.TaxpayerId, c.Exchange, c.AccountId))
                .OpenAsync(c.TaxpayerId, c.Exchange, c.AccountId, MatchBasis.Automatic(c), actor, ct),
            cancellationToken,
            tally);
    }

    /// <summary>Opens a seizure for each item, many at once; a refusal is listed with what it was for and does not stop the others.</summary>
    private static async Task<SeizeSummary> OpenEachAsync<T>(IReadOnlyCollection<T> items, Func<T, string> describe, Func<T, CancellationToken, Task<SeizureOpening>> open, CancellationToken cancellationToken, OpeningTally? tally = null)
    {
        tally ??= new OpeningTally();
        tally.Begin(items.Count);
        await Parallel.ForEachAsync(
            items,
            new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
            async (item, ct) =>
            {
                try
                {
                    tally.Add(await open(item, ct));
                }
                catch (CommandRejectedException ex)
                {
                    tally.Refuse($"{describe(item)}: {ex.Message}");
                }
            });
        return tally.Summary();
    }
}
