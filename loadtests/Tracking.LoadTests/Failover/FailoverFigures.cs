namespace Tracking.LoadTests.Failover;

/// <summary>
/// One failover run: how long after a silo's SIGKILL grains that lived on it answered again from
/// another silo, and whether the sweep it disturbed ended with an undisturbed run's matches.
/// </summary>
internal sealed record FailoverFigures(
    int Silos,
    int Taxpayers,
    int AccountRows,
    int GrainsProbed,
    double KillToFirstAnswerMs,
    double KillToAllAnswersMs,
    double SweepSeconds,
    int Candidates,
    bool MatchesEqual);
