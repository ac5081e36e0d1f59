using Tracking.Domain.Seizures;
using Tracking.Runtime;

namespace Tracking.Grains.Seizures;

/// <summary>Seizes the account for the taxpayer's debt; <paramref name="Basis"/> says why it is theirs. Opening an open seizure again changes nothing.</summary>
public sealed record OpenSeizure(string TaxpayerId, string Exchange, string AccountId, string Basis, string Actor) : IGrainCall<ISeizureGrain, SeizureOpening>;

/// <summary>The seizure after an <see cref="OpenSeizure"/>; <paramref name="New"/> when this call opened it.</summary>
public sealed record SeizureOpening(bool New, SeizureView Seizure);

/// <summary>An exchange's answer, from a callback.</summary>
public sealed record RecordExchangeReply(ExchangeReply Reply, string Exchange) : IGrainCall<ISeizureGrain, SeizureView>;

/// <summary>A supervisor approves the proposed sale.</summary>
public sealed record ApproveSeizureSale(string Supervisor) : IGrainCall<ISeizureGrain, SeizureView>;

/// <summary>Asks to withdraw the seizure, e.g. the account is not the taxpayer's; a second person approves.</summary>
public sealed record RequestSeizureCancellation(string Reason, string Actor) : IGrainCall<ISeizureGrain, SeizureView>;

/// <summary>A supervisor other than the one who asked approves the cancellation.</summary>
public sealed record ApproveSeizureCancellation(string Supervisor) : IGrainCall<ISeizureGrain, SeizureView>;

/// <summary>Takes whatever step is due now (deadlines, changed debt, an unanswered request).</summary>
public sealed record ReviewSeizure : IGrainCall<ISeizureGrain, SeizureView>;

public sealed record GetSeizure : IGrainCall<ISeizureGrain, SeizureView>;

/// <summary>The seizure, or null if none was ever opened under this id.</summary>
public sealed record GetSeizureIfOpen : IGrainCall<ISeizureGrain, SeizureView?>;

public sealed record GetSeizureHistory : IGrainCall<ISeizureGrain, IReadOnlyList<SeizureHistoryEntry>>;
