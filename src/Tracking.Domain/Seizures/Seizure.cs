using Tracking.Domain.Accounts;

namespace Tracking.Domain.Seizures;

/// <summary>
/// One seizure of one exchange account for one taxpayer's debt. Money is conserved: everything
/// collected is either applied to the debt or refunded once distributed
/// (<see cref="Collected"/> = <see cref="Applied"/> + <see cref="Refunded"/> + <see cref="Held"/>);
/// when the seizure is cancelled, all of it goes back.
/// </summary>
public sealed record Seizure(string SeizureId, SeizureStatus Status)
{
    public const string KrwAsset = "KRW";

    public string TaxpayerId { get; init; } = "";

    public string Exchange { get; init; } = "";

    public string AccountId { get; init; } = "";

    public string Basis { get; init; } = "";

    /// <summary>Unique to this seizure's opening; part of every request id it sends.</summary>
    public string Incarnation { get; init; } = "";

    public DateTimeOffset? OpenedAt { get; init; }

    /// <summary>Who opened the case: the officer whose sale or cancellation a second person approves.</summary>
    public string OpenedBy { get; init; } = "";

    /// <summary>The debt the seizure was opened to cover.</summary>
    public long DebtAtOpening { get; init; }

    /// <summary>What the exchange's holdings were worth when the seizure took effect, in won.</summary>
    public long Valuation { get; init; }

    /// <summary>A cancellation asked for and not yet approved: who asked, and why.</summary>
    public CancellationRequest? CancellationRequest { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public bool Opened => OpenedAt is not null;

    /// <summary>What the account holds now, as the exchange reported at seizure and changed by sales and remittances.</summary>
    public IReadOnlyList<Holding> Holdings { get; init; } = [];

    public bool Frozen { get; init; }

    public bool Released { get; init; }

    /// <summary>The outbox: requests issued and not yet answered.</summary>
    public IReadOnlyList<ExchangeRequest> Pending { get; init; } = [];

    public int RequestsIssued { get; init; }

    public int DocumentsIssued { get; init; }

    public DateTimeOffset? SaleWaitUntil { get; init; }

    public bool SaleProposed { get; init; }

    public bool SaleApproved { get; init; }

    public IReadOnlyList<ProceedsReceipt> Receipts { get; init; } = [];

    public bool Cancelled { get; init; }

    public DateTimeOffset? CancelledAt { get; init; }

    public bool Rejected { get; init; }

    public SeizureOutcome? Outcome { get; init; }

    public long Collected => Receipts.Sum(r => r.Amount);

    public long Applied => Receipts.Sum(r => r.Applied);

    public long Refunded => Receipts.Sum(r => r.Refunded);

    /// <summary>Given back to the account holder because the seizure was cancelled.</summary>
    public long ReturnedToHolder => Receipts.Sum(r => r.ReturnedToHolder);

    /// <summary>Received and not yet distributed.</summary>
    public long Held => Receipts.Where(r => !r.Distributed).Sum(r => r.Amount);

    public bool IsClosed => Status == SeizureStatus.Closed;

    public decimal Krw => Holdings.FirstOrDefault(h => h.Asset == KrwAsset)?.Total ?? 0;

    public IEnumerable<Holding> Coins => Holdings.Where(h => h.Asset != KrwAsset && h.Total > 0);

    public static Seizure New(string seizureId) => new(seizureId, SeizureStatus.NoticeSent);

    /// <summary>When the seizure must next look again by itself: the end of the sale waiting period, a distribution date, or now for money to return.</summary>
    public DateTimeOffset? NextDeadline =>
        Receipts.Where(r => !r.Distributed).Select(r => (DateTimeOffset?)r.DistributionDue)
            .Append(Frozen && !Released && !SaleProposed && !IsClosed ? SaleWaitUntil : null)
            .Append(ReturnDue is null ? null : CancelledAt)
            .Min();

    /// <summary>The earliest receipt whose distribution date has come, if any; a cancelled seizure distributes nothing.</summary>
    public ProceedsReceipt? DistributionDueAt(DateTimeOffset now) =>
        Cancelled ? null : Receipts.FirstOrDefault(r => !r.Distributed && r.DistributionDue <= now);

    /// <summary>Money collected by a seizure since cancelled and not yet returned: the first such receipt.</summary>
    public ProceedsReceipt? ReturnDue => Cancelled ? Receipts.FirstOrDefault(r => !r.Returned) : null;
}
