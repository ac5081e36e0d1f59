using Tracking.ExchangeApi;

namespace Tracking.ExchangeSim;

/// <summary>What the simulated exchange does for each operation.</summary>
public enum SimOperation
{
    Seizure,
    Sell,
    WithdrawKrw,
    Release,
}

/// <summary>A request as the exchange keeps it: asked how often, carried out how often (must stay ≤ 1), and its result.</summary>
internal sealed class SimRequest(SimOperation operation, CaseRequest request)
{
    public SimOperation Operation { get; } = operation;

    public CaseRequest Request { get; } = request;

    public int TimesAsked { get; set; } = 1;

    /// <summary>The trace id of the <c>traceparent</c> the first asking carried, so that a test sees the office's trace reach the exchange.</summary>
    public string? TraceId { get; init; }

    public int Executions { get; set; }

    public CaseResult? Result { get; set; }
}
