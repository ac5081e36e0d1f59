using Tracking.Domain.Ledger;
using Tracking.Domain.Matching;
using Tracking.Domain.Taxpayers;
using Tracking.Grains.Imports;

namespace Tracking.Grains.Taxpayers;

/// <summary>
/// A delinquent taxpayer's ledger: tax items from the roll, payments from any source, the accounts
/// the sweep found, and the seizures working the debt. Keyed by taxpayer id.
/// </summary>
/// <remarks>It calls its seizures only one way (<see cref="Seizures.ISeizureGrain.NudgeAsync"/>), so a seizure may await it without deadlock.</remarks>
[Alias("taxpayer")]
public interface ITaxpayerGrain : IGrainWithStringKey
{
    /// <summary>The roll's record of a taxpayer with their tax items, in one write; unchanged parts are skipped.</summary>
    [Alias("register")]
    Task<RecordOutcome> RegisterAsync(TaxpayerProfile profile, IReadOnlyList<TaxItem> items, CancellationToken cancellationToken = default);

    /// <summary>Adds tax items; items already present unchanged are skipped, so a re-import changes nothing.</summary>
    [Alias("assess")]
    Task<TaxpayerView> AssessAsync(IReadOnlyList<TaxItem> items, CancellationToken cancellationToken = default);

    /// <summary>Applies a payment in the legal order; the same reference twice is applied once.</summary>
    [Alias("pay")]
    Task<PaymentReceipt> ReceivePaymentAsync(string reference, long amount, string source, CancellationToken cancellationToken = default);

    [Alias("get"), ReadOnly]
    Task<TaxpayerView> GetAsync(CancellationToken cancellationToken = default);

    [Alias("history"), ReadOnly]
    Task<IReadOnlyList<TaxpayerHistoryEntry>> GetHistoryAsync(CancellationToken cancellationToken = default);

    /// <summary>Records the accounts a sweep found for this taxpayer, in one write; returns how many were news to it.</summary>
    [Alias("record-candidates")]
    Task<int> RecordCandidatesAsync(IReadOnlyList<MatchCandidate> candidates, CancellationToken cancellationToken = default);

    /// <summary>
    /// A sweep no longer found the candidate: an open review item leaves the queue; one decided on,
    /// or automatic, stays. Withdrawing again changes nothing.
    /// </summary>
    [Alias("withdraw-candidate")]
    Task WithdrawCandidateAsync(string exchange, string accountId, string reason, CancellationToken cancellationToken = default);

    /// <summary>A person's decision on a review candidate (a rejection needs a reason); returns the candidate. The first decision stands.</summary>
    [Alias("review-candidate")]
    Task<MatchCandidate> ReviewCandidateAsync(string exchange, string accountId, bool approve, string by, string reason, CancellationToken cancellationToken = default);

    /// <summary>Attaches an opened seizure, so it hears of payments; returns the debt it has to cover.</summary>
    [Alias("attach")]
    Task<SeizureDebt> AttachSeizureAsync(string seizureId, CancellationToken cancellationToken = default);

    /// <summary>The debt a seizure still has to cover: outstanding less money other seizures hold, and less what they are collecting.</summary>
    [Alias("debt-to-cover"), ReadOnly]
    Task<SeizureDebt> GetDebtToCoverAsync(string seizureId, CancellationToken cancellationToken = default);

    /// <summary>A seizure received money; it covers the debt for the other seizures until distributed as a payment under the same reference.</summary>
    [Alias("hold")]
    Task<long> HoldProceedsAsync(string seizureId, string reference, long amount, CancellationToken cancellationToken = default);

    /// <summary>A seizure is about to collect; returns what it may collect without overlapping another seizure's collection. The others are told when it counts on less than before.</summary>
    [Alias("reserve")]
    Task<long> ReserveCoverAsync(string seizureId, long amount, CancellationToken cancellationToken = default);

    /// <summary>
    /// A cancelled seizure gives back the money it collected under <paramref name="reference"/>:
    /// no longer held, or taken back from the items it paid; the other seizures are told. Asked
    /// again, answers as it was done.
    /// </summary>
    [Alias("return-proceeds")]
    Task<ProceedsReturn> ReturnProceedsAsync(string seizureId, string reference, CancellationToken cancellationToken = default);

    /// <summary>A closed seizure stops hearing of payments; what it was collecting is no longer counted on, and the others are told.</summary>
    [Alias("detach")]
    Task<bool> DetachSeizureAsync(string seizureId, CancellationToken cancellationToken = default);
}
