using Tracking.Domain.Accounts;

namespace Tracking.Domain.Seizures;

/// <summary>
/// A step in a seizure's life, recorded in its history and never changed: when, by whom (a person
/// or <see cref="SeizureContext.SystemActor"/>), why, and the document it issued if any.
/// </summary>
public abstract record SeizureEvent
{
    private protected SeizureEvent()
    {
    }

    public DateTimeOffset At { get; init; }

    public string Actor { get; init; } = "";

    public string Reason { get; init; } = "";

    /// <summary>The reason in Korean, as the office reads it; empty for steps recorded before reasons were kept in Korean too.</summary>
    public string KoreanReason { get; init; } = "";

    public SeizureDocument? Document { get; init; }
}

public sealed record SeizureOpened(string SeizureId, string TaxpayerId, string Exchange, string AccountId, string Basis, long DebtToCover, string Incarnation) : SeizureEvent;

/// <summary>A request to the exchange entered the outbox; it is sent, and retried, until answered.</summary>
public sealed record ExchangeRequestIssued(ExchangeRequest Request) : SeizureEvent;

/// <summary>The exchange acknowledged the notice: the seizure is effective and the account frozen.</summary>
public sealed record SeizureTookEffect(string RequestId, IReadOnlyList<Holding> Holdings, long Valuation) : SeizureEvent;

/// <summary>A document that needs no exchange request, e.g. the seizure record or the notice to the taxpayer.</summary>
public sealed record DocumentIssued : SeizureEvent;

public sealed record SaleWarned(DateTimeOffset WaitUntil) : SeizureEvent;

/// <summary>The waiting period is over and the sale awaits a supervisor.</summary>
public sealed record SaleProposed : SeizureEvent;

public sealed record SaleApproved : SeizureEvent;

public sealed record SaleFilled(string RequestId, IReadOnlyList<SaleFill> Fills) : SeizureEvent;

/// <summary>KRW reached the office; it is distributed on <paramref name="DistributionDue"/> (within 30 days, Art. 97).</summary>
public sealed record ProceedsReceived(string RequestId, long Amount, string TransferReference, DateTimeOffset DistributionDue) : SeizureEvent;

public sealed record ProceedsDistributed(string TransferReference, long Amount, long Applied, long Refunded) : SeizureEvent;

/// <summary>
/// A cancelled seizure's money went back: <paramref name="ToHolder"/> to the account holder, of
/// which <paramref name="TakenBack"/> had paid the debt and was taken back from the ledger; the
/// rest of the receipt had been refunded already.
/// </summary>
public sealed record ProceedsReturned(string TransferReference, long ToHolder, long TakenBack) : SeizureEvent;

public sealed record ReleaseConfirmed(string RequestId) : SeizureEvent;

/// <summary>Someone asked to withdraw the seizure; it goes on as before until a second person approves.</summary>
public sealed record CancellationRequested : SeizureEvent;

public sealed record SeizureCancelled : SeizureEvent;

/// <summary>The seizure cannot proceed; <paramref name="RequestId"/> is the exchange's answer that said so, if any.</summary>
public sealed record SeizureRejected(string? RequestId) : SeizureEvent;

public sealed record SeizureClosed(SeizureOutcome Outcome) : SeizureEvent;
