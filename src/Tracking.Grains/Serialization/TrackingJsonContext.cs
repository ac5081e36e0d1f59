using System.Text.Json.Serialization;
using Tracking.Domain.Accounts;
using Tracking.Domain.Ledger;
using Tracking.Domain.Matching;
using Tracking.Domain.Seizures;
using Tracking.Grains.Accounts;
using Tracking.Grains.Imports;
using Tracking.Grains.Matching;
using Tracking.Grains.Seizures;
using Tracking.Grains.Sweeps;
using Tracking.Grains.Taxpayers;

namespace Tracking.Grains.Serialization;

/// <summary>
/// Source-generated JSON metadata for every grain state, event and message that is stored or sent.
/// Each event type is listed too: polymorphic serialization needs the metadata of the derived types.
/// </summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(TaxpayerLedger))]
[JsonSerializable(typeof(TaxpayerEvent))]
[JsonSerializable(typeof(TaxpayerRegistered))]
[JsonSerializable(typeof(TaxItemAssessed))]
[JsonSerializable(typeof(PaymentApplied))]
[JsonSerializable(typeof(MatchCandidateRecorded))]
[JsonSerializable(typeof(SeizureAttached))]
[JsonSerializable(typeof(SeizureDetached))]
[JsonSerializable(typeof(ProceedsHeld))]
[JsonSerializable(typeof(CoverReserved))]
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
[JsonSerializable(typeof(ReleaseConfirmed))]
[JsonSerializable(typeof(SeizureCancelled))]
[JsonSerializable(typeof(CancellationRequested))]
[JsonSerializable(typeof(SeizureRejected))]
[JsonSerializable(typeof(SeizureClosed))]
[JsonSerializable(typeof(SeizureView))]
[JsonSerializable(typeof(SeizureOpening))]
[JsonSerializable(typeof(CaseDetail))]
[JsonSerializable(typeof(SeizeSummary))]
[JsonSerializable(typeof(IReadOnlyList<SeizureView>))]
[JsonSerializable(typeof(IReadOnlyList<SeizureHistoryEntry>))]
[JsonSerializable(typeof(TaxpayerView))]
[JsonSerializable(typeof(ReceivePayment))]
[JsonSerializable(typeof(PaymentReceipt))]
[JsonSerializable(typeof(IReadOnlyList<TaxpayerHistoryEntry>))]
[JsonSerializable(typeof(ExchangeAccount))]
[JsonSerializable(typeof(AccountEvent))]
[JsonSerializable(typeof(AccountReported))]
[JsonSerializable(typeof(AccountCandidateRecorded))]
[JsonSerializable(typeof(MatchShardState))]
[JsonSerializable(typeof(MatchShardEvent))]
[JsonSerializable(typeof(TaxpayersIndexed))]
[JsonSerializable(typeof(AccountsIndexed))]
[JsonSerializable(typeof(SweepState))]
[JsonSerializable(typeof(SweepEvent))]
[JsonSerializable(typeof(SweepCompleted))]
[JsonSerializable(typeof(SweepSummary))]
[JsonSerializable(typeof(SweepStatus))]
[JsonSerializable(typeof(IReadOnlyList<MatchCandidate>))]
[JsonSerializable(typeof(ImportSummary))]
[JsonSerializable(typeof(PaymentImportSummary))]
// Grain messages: they cross silos as JSON.
[JsonSerializable(typeof(ApproveSeizureSale))]
[JsonSerializable(typeof(AssessTaxItems))]
[JsonSerializable(typeof(AttachSeizure))]
[JsonSerializable(typeof(RequestSeizureCancellation))]
[JsonSerializable(typeof(ApproveSeizureCancellation))]
[JsonSerializable(typeof(DetachSeizure))]
[JsonSerializable(typeof(FindCandidates))]
[JsonSerializable(typeof(GetAccount))]
[JsonSerializable(typeof(GetCandidates))]
[JsonSerializable(typeof(GetDebtToCover))]
[JsonSerializable(typeof(GetSeizure))]
[JsonSerializable(typeof(GetSeizureHistory))]
[JsonSerializable(typeof(GetSweepStatus))]
[JsonSerializable(typeof(GetTaxpayer))]
[JsonSerializable(typeof(GetTaxpayerHistory))]
[JsonSerializable(typeof(HoldProceeds))]
[JsonSerializable(typeof(IndexAccounts))]
[JsonSerializable(typeof(IndexTaxpayers))]
[JsonSerializable(typeof(OpenSeizure))]
[JsonSerializable(typeof(RecordAccountCandidate))]
[JsonSerializable(typeof(RecordExchangeReply))]
[JsonSerializable(typeof(RecordOutcome))]
[JsonSerializable(typeof(RecordTaxpayerCandidate))]
[JsonSerializable(typeof(RegisterTaxpayer))]
[JsonSerializable(typeof(ReportAccount))]
[JsonSerializable(typeof(ReserveCover))]
[JsonSerializable(typeof(ReviewSeizure))]
[JsonSerializable(typeof(RunSweep))]
public sealed partial class TrackingJsonContext : JsonSerializerContext;
