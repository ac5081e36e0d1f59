using Tracking.Domain.Seizures;

namespace Tracking.Grains.Seizures;

/// <summary>One seizure of one exchange account for one taxpayer; keyed by <see cref="SeizureKey"/>.</summary>
[Alias("seizure")]
public interface ISeizureGrain : IGrainWithStringKey
{
    /// <summary>Seizes the account for the taxpayer's debt; <paramref name="basis"/> says why it is theirs. Opening an open seizure again changes nothing.</summary>
    [Alias("open")]
    Task<SeizureOpening> OpenAsync(string taxpayerId, string exchange, string accountId, Said basis, string actor, CancellationToken cancellationToken = default);

    /// <summary>An exchange's answer, from a callback.</summary>
    [Alias("reply")]
    Task<SeizureView> RecordExchangeReplyAsync(ExchangeReply reply, string exchange, CancellationToken cancellationToken = default);

    /// <summary>A supervisor approves the proposed sale.</summary>
    [Alias("approve-sale")]
    Task<SeizureView> ApproveSaleAsync(string supervisor, CancellationToken cancellationToken = default);

    /// <summary>Asks to withdraw the seizure, e.g. the account is not the taxpayer's; a second person approves.</summary>
    [Alias("request-cancellation")]
    Task<SeizureView> RequestCancellationAsync(string reason, string actor, CancellationToken cancellationToken = default);

    /// <summary>A supervisor other than the one who asked approves the cancellation.</summary>
    [Alias("approve-cancellation")]
    Task<SeizureView> ApproveCancellationAsync(string supervisor, CancellationToken cancellationToken = default);

    /// <summary>Takes whatever step is due now (deadlines, changed debt, an unanswered request).</summary>
    [Alias("review")]
    Task<SeizureView> ReviewAsync(CancellationToken cancellationToken = default);

    /// <summary>As <see cref="ReviewAsync"/>, without waiting: what the taxpayer sends when the debt changed.</summary>
    [Alias("nudge"), OneWay]
    Task NudgeAsync();

    /// <summary>The seizure; refused if none was ever opened under this id.</summary>
    [Alias("get"), ReadOnly]
    Task<SeizureView> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>The seizure, or null if none was ever opened under this id.</summary>
    [Alias("get-if-open"), ReadOnly]
    Task<SeizureView?> GetIfOpenAsync(CancellationToken cancellationToken = default);

    [Alias("history"), ReadOnly]
    Task<IReadOnlyList<SeizureHistoryEntry>> GetHistoryAsync(CancellationToken cancellationToken = default);
}

/// <summary>The seizure after an opening; <paramref name="New"/> when this call opened it.</summary>
[GenerateSerializer, Immutable, Alias("seizure-opening")]
public sealed record SeizureOpening(bool New, SeizureView Seizure);
