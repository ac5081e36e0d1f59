using Tracking.Domain.Matching;
using Tracking.Runtime;

namespace Tracking.Grains.Matching;

/// <summary>One shard of the match index, keyed by its number.</summary>
public interface IMatchShardGrain : IGrain;

/// <summary>Files taxpayer identities; entries already filed unchanged are skipped. Returns how many were new.</summary>
public sealed record IndexTaxpayers(IReadOnlyList<IndexedTaxpayer> Entries) : IGrainCall<IMatchShardGrain, int>;

public sealed record IndexAccounts(IReadOnlyList<IndexedAccount> Entries) : IGrainCall<IMatchShardGrain, int>;

/// <summary>Compares every taxpayer and account that share a key in this shard.</summary>
public sealed record FindCandidates : IGrainCall<IMatchShardGrain, IReadOnlyList<MatchCandidate>>;

public sealed record MatchShardState(int Taxpayers, int Accounts);

public abstract record MatchShardEvent;

public sealed record TaxpayersIndexed(IReadOnlyList<IndexedTaxpayer> Entries) : MatchShardEvent;

public sealed record AccountsIndexed(IReadOnlyList<IndexedAccount> Entries) : MatchShardEvent;
