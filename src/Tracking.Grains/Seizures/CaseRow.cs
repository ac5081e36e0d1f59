using Tracking.Domain.Seizures;
using Tracking.Storage.Views;

namespace Tracking.Grains.Seizures;

/// <summary>
/// A case as lists, filters and the dashboard read it: the <see cref="View"/> row each opened
/// seizure keeps with its state. Times are Unix seconds; 0 where there is none yet.
/// <see cref="Deadline"/> is when the case's next step is due, whoever takes it: past it, the case is overdue.
/// </summary>
public sealed record CaseRow(
    string Id,
    string TaxpayerId,
    string Exchange,
    string AccountId,
    SeizureStatus Status,
    SeizureOutcome? Outcome,
    string Officer,
    long Opened,
    long Closed,
    long Deadline,
    long Debt,
    long Valuation,
    long Collected,
    long Applied,
    long Refunded,
    CaseApproval Approval,
    string? CancellationRequestedBy,
    int LeadDays,
    int LeadHours)
{
    public const string View = "cases";

    public static readonly ViewField StatusField = ViewField.Text("status");
    public static readonly ViewField ExchangeField = ViewField.Text("exchange");
    public static readonly ViewField OfficerField = ViewField.Text("officer");
    public static readonly ViewField ApprovalField = ViewField.Text("approval");
    public static readonly ViewField OutcomeField = ViewField.Text("outcome");
    public static readonly ViewField OpenedField = ViewField.Number("opened");
    public static readonly ViewField ClosedField = ViewField.Number("closed");
    public static readonly ViewField DeadlineField = ViewField.Number("deadline");
    public static readonly ViewField DebtField = ViewField.Number("debt");
    public static readonly ViewField CollectedField = ViewField.Number("collected");
    public static readonly ViewField LeadDaysField = ViewField.Number("leadDays");
    public static readonly ViewField LeadHoursField = ViewField.Number("leadHours");

    /// <summary>Newest first; filtered by state, exchange, officer, approval awaited, debt and deadline.</summary>
    public static ViewDefinition Definition { get; } = new(View, OpenedField, [StatusField, ExchangeField, OfficerField, ApprovalField, DebtField, DeadlineField]);

    public static CaseRow Of(Seizure seizure, SeizureOptions options) => new(
        seizure.SeizureId,
        seizure.TaxpayerId,
        seizure.Exchange,
        seizure.AccountId,
        seizure.Status,
        seizure.Outcome,
        seizure.OpenedBy,
        Seconds(seizure.OpenedAt),
        Seconds(seizure.ClosedAt),
        Seconds(StepDue(seizure, options)),
        seizure.DebtAtOpening,
        seizure.Valuation,
        seizure.Collected,
        seizure.Applied,
        seizure.Refunded,
        seizure.CancellationRequest is not null ? CaseApproval.Cancellation : seizure.Status == SeizureStatus.AwaitingSaleApproval ? CaseApproval.Sale : CaseApproval.None,
        seizure.CancellationRequest?.RequestedBy,
        LeadIn(seizure, TimeSpan.FromDays(1)),
        LeadIn(seizure, TimeSpan.FromHours(1)));

    /// <summary>
    /// When the next step is due (none once closed, unless a correction is asked): the system's next deadline; the exchange's
    /// answer, a reply deadline after the request; a supervisor's approval of a proposed sale or a
    /// cancellation asked for, within the policy's time to approve.
    /// </summary>
    public static DateTimeOffset? StepDue(Seizure seizure, SeizureOptions options) => seizure.IsClosed && seizure.CancellationRequest is null ? null : new[]
    {
        seizure.NextDeadline,
        seizure.Pending.Select(r => (DateTimeOffset?)(r.IssuedAt + options.ReplyDeadline)).Min(),
        seizure.Status == SeizureStatus.AwaitingSaleApproval ? seizure.SaleWaitUntil + options.Policy.ApprovalWithin : null,
        seizure.CancellationRequest?.At + options.Policy.ApprovalWithin,
    }.Min();

    /// <summary>From opening to close in whole units begun (a case closed in 2.1 days took 3); -1 while open.</summary>
    private static int LeadIn(Seizure seizure, TimeSpan unit) =>
        seizure.OpenedAt is { } opened && seizure.ClosedAt is { } closed ? (int)Math.Ceiling((closed - opened) / unit) : -1;

    /// <summary>The rows a seizure keeps: its case, and one per sum of money received.</summary>
    public static IEnumerable<GrainView> ViewsOf(Seizure seizure, SeizureOptions options) => seizure.Opened
        ? [new GrainView(View, seizure.SeizureId, Of(seizure, options)), .. seizure.Receipts.Select(r => new GrainView(ReceiptRow.View, $"{seizure.SeizureId}/{r.TransferReference}", ReceiptRow.Of(seizure, r)))]
        : [];

    private static long Seconds(DateTimeOffset? time) => time?.ToUnixTimeSeconds() ?? 0;
}
