namespace Tracking.ExchangeApi.Simulator;

/// <summary>An account to put at an exchange.</summary>
public sealed record SimAccountLoad(string AccountId, IReadOnlyList<SimHolding> Holdings, bool Closed);

public sealed record SimHolding(string Currency, decimal Total, decimal Locked);

/// <summary>Work not finished yet (requests being carried out, callbacks not yet delivered), and callback deliveries taken (2xx) and refused (4xx) so far.</summary>
public sealed record SimPending(int Processing, int Callbacks, int CallbacksTaken, int CallbacksRefused);

/// <summary>An account as the operator sees it.</summary>
public sealed record SimAccountState(string AccountId, bool Closed, string? FrozenFor, IReadOnlyList<CurrencyBalance> Balances);

/// <summary>A request as the operator sees it: asked how often, executed how often, and the trace the first asking came with (W3C trace id), if any.</summary>
public sealed record SimRequestState(string RequestId, string Operation, int TimesAsked, int Executions, string? Outcome, string? TraceId);
