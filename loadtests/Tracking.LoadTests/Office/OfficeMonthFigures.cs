namespace Tracking.LoadTests.Office;

/// <summary>What one office month did: the cases, the checks on them at the end, and every endpoint's requests.</summary>
internal sealed record OfficeMonthFigures(
    string Store,
    int Taxpayers,
    int AccountRows,
    int Days,
    double DaySeconds,
    double RealSeconds,
    int Seizures,
    int Closed,
    long Transitions,
    double TransitionsPerS,
    long ExchangeRequests,
    long ExchangeRequestsFailed,
    int CallbacksTaken,
    int CallbacksRefused,
    int SalesRefusedInBulk,
    int Payments,
    long Requests,
    long Failed,
    long Refused,
    int LostEvents,
    int MoneyMismatches,
    int RequestsCarriedOutTwice,
    int PaymentsNotBookedOnce,
    IReadOnlyList<EndpointFigures> Endpoints);

/// <summary>One endpoint's requests over the month; its p99 against the baseline's (who am I) in the same run.</summary>
internal sealed record EndpointFigures(string Endpoint, long Requests, double PerS, double P50Ms, double P99Ms, double MaxMs, long Refused, long Failed)
{
    public double P99VsBaseline { get; init; } = double.NaN;
}
