using Tracking.ExchangeApi.Simulator;

namespace Tracking.LoadTests.Office;

/// <summary>How the office's month is played.</summary>
internal sealed record OfficeMonthOptions
{
    /// <summary>Simulated days the office works. Default 30.</summary>
    public int Days { get; init; } = 30;

    /// <summary>Simulated days after the month in which open cases may still close (the supervisors keep approving sales). Default 30.</summary>
    public int TailDays { get; init; } = 30;

    /// <summary>Real seconds a simulated day takes. Default 6.</summary>
    public double DaySeconds { get; init; } = 6;

    /// <summary>Officers reading case pages at once. Default 8.</summary>
    public int Officers { get; init; } = 8;

    /// <summary>An officer's pause between looking at one page of cases and the next. Default 100 ms.</summary>
    public TimeSpan OfficerPause { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Review candidates looked at and decided per simulated day. Default 400.</summary>
    public int ReviewsPerDay { get; init; } = 400;

    /// <summary>Payments recorded at once when several fall due. Default 4.</summary>
    public int PaymentDesks { get; init; } = 4;

    /// <summary>
    /// How the exchanges misbehave: latency, errors, time-outs, lost, repeated and late callbacks.
    /// No slippage, so that the money can be checked to the won.
    /// </summary>
    public FaultOptions Faults { get; init; } = new()
    {
        MinLatencyMs = 2,
        MaxLatencyMs = 30,
        ErrorRate = 0.02,
        TimeoutRate = 0.002,
        TimeoutMs = 2_000,
        MaxProcessingMs = 50,
        DuplicateCallbackRate = 0.1,
        DropCallbackRate = 0.02,
        MaxCallbackDelayMs = 200,
        MaxSlippage = 0,
    };
}
