using Tracking.Domain.Ledger;
using Tracking.Domain.Matching;
using Tracking.Domain.Taxpayers;
using Tracking.Grains.Imports;
using Tracking.Runtime;

namespace Tracking.Grains.Taxpayers;

/// <summary>Adds tax items from the roll; items already present unchanged are skipped, so a re-import changes nothing.</summary>
public sealed record AssessTaxItems(IReadOnlyList<TaxItem> Items) : IGrainCall<ITaxpayerGrain, TaxpayerView>;

/// <summary>Applies a payment in the legal order; the same reference twice is applied once.</summary>
public sealed record ReceivePayment(string Reference, long Amount, string Source) : IGrainCall<ITaxpayerGrain, PaymentReceipt>;

public sealed record GetTaxpayer : IGrainCall<ITaxpayerGrain, TaxpayerView>;

public sealed record GetTaxpayerHistory : IGrainCall<ITaxpayerGrain, IReadOnlyList<TaxpayerHistoryEntry>>;

/// <summary>The roll's record of a taxpayer with their tax items, in one write; unchanged parts are skipped.</summary>
public sealed record RegisterTaxpayer(TaxpayerProfile Profile, IReadOnlyList<TaxItem> Items) : IGrainCall<ITaxpayerGrain, RecordOutcome>;

/// <summary>Attaches an opened seizure, so it hears of payments; returns the debt it has to cover.</summary>
public sealed record AttachSeizure(string SeizureId) : IGrainCall<ITaxpayerGrain, long>;

/// <summary>The debt a seizure still has to cover: outstanding less money other seizures hold.</summary>
public sealed record GetDebtToCover(string SeizureId) : IGrainCall<ITaxpayerGrain, long>;

/// <summary>A seizure received money; it covers the debt for the other seizures until distributed as a payment under the same reference.</summary>
public sealed record HoldProceeds(string SeizureId, string Reference, long Amount) : IGrainCall<ITaxpayerGrain, long>;

/// <summary>A seizure is about to collect; returns what it may collect without overlapping another seizure's collection.</summary>
public sealed record ReserveCover(string SeizureId, long Amount) : IGrainCall<ITaxpayerGrain, long>;

/// <summary>A closed seizure stops hearing of payments.</summary>
public sealed record DetachSeizure(string SeizureId) : IGrainCall<ITaxpayerGrain, bool>;

/// <summary>A person's decision on a review candidate (a rejection needs a reason); returns the candidate. The first decision stands.</summary>
public sealed record ReviewMatchCandidate(string Exchange, string AccountId, bool Approve, string By, string Reason) : IGrainCall<ITaxpayerGrain, MatchCandidate>;

/// <summary>Records an account the sweep found; returns whether it was news to this taxpayer.</summary>
public sealed record RecordTaxpayerCandidate(MatchCandidate Candidate) : IGrainCall<ITaxpayerGrain, bool>;
