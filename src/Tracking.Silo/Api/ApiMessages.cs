using Tracking.Domain.Accounts;
using Tracking.Domain.Matching;
using Tracking.Domain.Taxpayers;

using Tracking.Grains.Seizures;

namespace Tracking.Silo.Api;

public sealed record SignIn(string Name, string Password);

public sealed record SessionInfo(string Name, string Role, string Actor);

/// <summary>Why: a rejection or a cancellation.</summary>
public sealed record ReasonBody(string Reason);

/// <summary>A supervisor's approval of several review candidates with one reason.</summary>
public sealed record BulkApprovalBody(string? Reason, IReadOnlyList<CandidatePair>? Candidates);

/// <summary>A supervisor's approval of several proposed sales at once, named by case id.</summary>
public sealed record BulkSaleApprovalBody(IReadOnlyList<string>? Cases);

/// <summary>What a bulk sale approval did: the cases named, how many were approved, and each refused with why.</summary>
public sealed record BulkSaleApprovalSummary(int Cases, int Approved, IReadOnlyList<string> Refused);

/// <summary>A payment recorded through the API; the same reference twice is applied once.</summary>
public sealed record PaymentBody(string Reference, long Amount, string Source);

/// <summary>The largest request body an upload may have, in bytes.</summary>
public sealed record UploadLimits(long MaxUploadBytes);

/// <summary>A suspended payment's taxpayer, as an officer found them, and why.</summary>
public sealed record AssignmentBody(string? TaxpayerId, string? Reason);

/// <summary>A review candidate side by side: the taxpayer as the roll has them and the holder as the exchange reports them, masked for the reader's role.</summary>
public sealed record ReviewEvidence(MatchCandidate Candidate, TaxpayerProfile? Taxpayer, AccountProfile? Holder, CandidateReview? Decision);

/// <summary>A page of a list: rows, the cursor of the next page (null on the last) and how many rows match in all.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next, long Total);

/// <summary>
/// The dashboard's figures: cases by state and exchange, won collected per day, lead times of closed
/// cases (hours below a day, days above), and the share closed within the mark per exchange and officer.
/// </summary>
public sealed record Dashboard(
    long Cases,
    long AccountsSeized,
    long Collected,
    IReadOnlyList<CountBy> ByStatus,
    IReadOnlyList<CountBy> ByExchange,
    IReadOnlyList<AmountOn> CollectedByDay,
    IReadOnlyList<LeadTimeBucket> LeadTimes,
    IReadOnlyList<MarkShare> MarkByExchange,
    IReadOnlyList<MarkShare> MarkByOfficer,
    int LeadTimeMarkDays);

public sealed record CountBy(string Key, long Count);

public sealed record AmountOn(string Day, long Amount);
