using Tracking.Domain.Accounts;
using Tracking.Domain.Matching;
using Tracking.Grains.Imports;
using Tracking.Runtime;

namespace Tracking.Grains.Accounts;

/// <summary>The exchange's latest report of the account.</summary>
public sealed record ReportAccount(AccountProfile Profile) : IGrainCall<IExchangeAccountGrain, RecordOutcome>;

public sealed record RecordAccountCandidate(MatchCandidate Candidate) : IGrainCall<IExchangeAccountGrain, bool>;

public sealed record GetAccount : IGrainCall<IExchangeAccountGrain, ExchangeAccount>;
