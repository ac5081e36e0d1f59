using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Tracking.Grains.Seizures;

/// <summary>
/// Opens the automatic matches' cases as a job in the grain, not in the call that asked for it:
/// the caller gets the progress at once and asks again for more. The last job's end is kept while
/// the activation lives; the cases themselves are the lasting record.
/// </summary>
[GrainType("case-opening")]
public sealed partial class CaseOpeningGrain([FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time, ILogger<CaseOpeningGrain> logger)
    : Grain, ICaseOpeningGrain
{
    /// <summary>How long the activation is kept while a job runs with nobody asking after it.</summary>
    private static readonly TimeSpan s_runKeepAlive = TimeSpan.FromHours(2);

    /// <summary>How long the last job's end stays to be read after it finished.</summary>
    private static readonly TimeSpan s_endKept = TimeSpan.FromHours(1);

    private CaseOpeningStatus _status = CaseOpeningStatus.None;
    private OpeningTally? _tally;

    public Task<CaseOpeningStatus> StartAsync(string actor, CancellationToken cancellationToken)
    {
        if (_tally is null)
        {
            DelayDeactivation(s_runKeepAlive);
            _tally = new OpeningTally();
            _status = CaseOpeningStatus.None with { Running = true, StartedBy = actor, StartedAt = time.GetUtcNow() };
            _ = RunAsync(actor, _tally);
        }

        return GetStatusAsync(cancellationToken);
    }

    public Task<CaseOpeningStatus> GetStatusAsync(CancellationToken cancellationToken) =>
        Task.FromResult(_tally is { } tally ? With(tally.Summary()) : _status);

    private async Task RunAsync(string actor, OpeningTally tally)
    {
        try
        {
            var summary = await new SeizureOpener(GrainFactory).OpenForAutoMatchesAsync(actor, CancellationToken.None, tally);
            _status = With(summary) with { Running = false, FinishedAt = time.GetUtcNow() };
            LogOpened(logger, actor, summary.Opened, summary.AlreadyOpen, summary.Refused.Count);
        }
        catch (Exception ex)
        {
            // What was opened stays open; starting again carries on where this stopped.
            _status = With(tally.Summary()) with { Running = false, FinishedAt = time.GetUtcNow(), Failure = ex.Message };
            LogFailed(logger, ex);
        }
        finally
        {
            _tally = null;
            DelayDeactivation(s_endKept);
        }
    }

    private CaseOpeningStatus With(SeizeSummary summary) =>
        _status with { Candidates = summary.Candidates, Opened = summary.Opened, AlreadyOpen = summary.AlreadyOpen, Refused = summary.Refused };

    [LoggerMessage(Level = LogLevel.Information, Message = "Automatic matches' cases opened for {Actor}: {Opened} opened, {AlreadyOpen} already open, {Refused} refused")]
    private static partial void LogOpened(ILogger logger, string actor, int opened, int alreadyOpen, int refused);

    [LoggerMessage(Level = LogLevel.Error, Message = "Opening the automatic matches' cases stopped")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
