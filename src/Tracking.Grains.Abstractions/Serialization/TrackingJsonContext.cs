using System.Text.Json.Serialization;
using Tracking.Domain.Accounts;
using Tracking.Domain.Ledger;
using Tracking.Domain.Matching;
using Tracking.Domain.Seizures;
using Tracking.Domain.Suspense;
using Tracking.Domain.Taxpayers;
using Tracking.Grains.Imports;
using Tracking.Grains.Matching;
using Tracking.Grains.Seizures;
using Tracking.Grains.Sweeps;
using Tracking.Grains.Taxpayers;

namespace Tracking.Grains.Serialization;

/// <summary>
/// Source-generated JSON metadata for the domain's states and events (as stored), the domain types
/// grain calls carry (as JSON on the wire), and the contracts' records (as the case API returns
/// them). Each derived event type is listed: polymorphic serialization needs their metadata.
/// </summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(TaxpayerLedger))]
[JsonSerializable(typeof(TaxpayerEvent))]
[JsonSerializable(typeof(TaxpayerRegistered))]
[JsonSerializable(typeof(TaxItemAssessed))]
[JsonSerializable(typeof(PaymentApplied))]
[JsonSerializable(typeof(MatchCandidateRecorded))]
[JsonSerializable(typeof(CandidateReviewed))]
[JsonSerializable(typeof(CandidateWithdrawn))]
[JsonSerializable(typeof(SeizureAttached))]
[JsonSerializable(typeof(SeizureDetached))]
[JsonSerializable(typeof(ProceedsHeld))]
[JsonSerializable(typeof(CoverReserved))]
[JsonSerializable(typeof(PaymentReversed))]
[JsonSerializable(typeof(HeldProceedsReturned))]
[JsonSerializable(typeof(TaxItem))]
[JsonSerializable(typeof(TaxpayerProfile))]
[JsonSerializable(typeof(Seizure))]
[JsonSerializable(typeof(SeizureEvent))]
[JsonSerializable(typeof(SeizureOpened))]
[JsonSerializable(typeof(ExchangeRequestIssued))]
[JsonSerializable(typeof(SeizureTookEffect))]
[JsonSerializable(typeof(DocumentIssued))]
[JsonSerializable(typeof(SaleWarned))]
[JsonSerializable(typeof(SaleProposed))]
[JsonSerializable(typeof(SaleApproved))]
[JsonSerializable(typeof(SaleFilled))]
[JsonSerializable(typeof(ProceedsReceived))]
[JsonSerializable(typeof(ProceedsDistributed))]
[JsonSerializable(typeof(ProceedsReturned))]
[JsonSerializable(typeof(ReleaseConfirmed))]
[JsonSerializable(typeof(SeizureCancelled))]
[JsonSerializable(typeof(CancellationRequested))]
[JsonSerializable(typeof(SeizureRejected))]
[JsonSerializable(typeof(SeizureClosed))]
[JsonSerializable(typeof(ExchangeReply))]
[JsonSerializable(typeof(ExchangeReply.Frozen))]
[JsonSerializable(typeof(ExchangeReply.AccountUnavailable))]
[JsonSerializable(typeof(ExchangeReply.Sold))]
[JsonSerializable(typeof(ExchangeReply.Remitted))]
[JsonSerializable(typeof(ExchangeReply.Released))]
[JsonSerializable(typeof(ExchangeAccount))]
[JsonSerializable(typeof(AccountProfile))]
[JsonSerializable(typeof(AccountEvent))]
[JsonSerializable(typeof(AccountReported))]
[JsonSerializable(typeof(MatchCandidate))]
[JsonSerializable(typeof(IReadOnlyList<MatchCandidate>))]
[JsonSerializable(typeof(Tracking.Domain.Matching.Weights.MatchModel))]
[JsonSerializable(typeof(Said))]
[JsonSerializable(typeof(Tracking.Domain.Matching.Weights.ComparisonSample))]
[JsonSerializable(typeof(SeizureView))]
[JsonSerializable(typeof(SeizureOpening))]
[JsonSerializable(typeof(IReadOnlyList<SeizureView>))]
[JsonSerializable(typeof(IReadOnlyList<SeizureHistoryEntry>))]
[JsonSerializable(typeof(TaxpayerView))]
[JsonSerializable(typeof(PaymentReceipt))]
[JsonSerializable(typeof(IReadOnlyList<TaxpayerHistoryEntry>))]
[JsonSerializable(typeof(SweepSummary))]
[JsonSerializable(typeof(SweepStatus))]
[JsonSerializable(typeof(CaseOpeningStatus))]
[JsonSerializable(typeof(RecordOutcome))]
[JsonSerializable(typeof(SuspendedPayment))]
[JsonSerializable(typeof(SuspenseEvent))]
[JsonSerializable(typeof(PaymentSuspended))]
[JsonSerializable(typeof(SuspendedPaymentAssigned))]
[JsonSerializable(typeof(SuspendedPaymentBooked))]
[JsonSerializable(typeof(SuspendedPaymentBookingRefused))]
[JsonSerializable(typeof(SuspendedPaymentReturned))]
public sealed partial class TrackingJsonContext : JsonSerializerContext;
