namespace Tracking.ExchangeApi.Simulator;

/// <summary>An account to put at an exchange.</summary>
public sealed record SimAccountLoad(string AccountId, IReadOnlyList<SimHolding> Holdings, bool Closed);

public sealed record SimHolding(string Currency, decimal Total, decimal Locked);

/// <summary>Work not finished yet: requests being carried out, callbacks not yet delivered.</summary>
public sealed record SimPending(int Processing, int Callbacks);

/// <summary>An account as the operator sees it.</summary>
public sealed record SimAccountState(string AccountId, bool Closed, string? FrozenFor, IReadOnlyList<CurrencyBalance> Balances);

/// <summary>A request as the operator sees it: asked how often, executed how often, and the trace the first asking came with (W3C trace id), if any.</summary>
public sealed record SimRequestState(string RequestId, string Operation, int TimesAsked, int Executions, string? Outcome, string? TraceId);
