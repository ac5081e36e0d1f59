using Microsoft.Extensions.Logging;
using Tracking.Runtime.Placement;

namespace Tracking.Runtime.Reminders;

/// <summary>
/// Keeps reminders in the reminder table and delivers the due ones as turns of their grains.
/// A reminder row is moved or deleted only after its grain handled it, so a crash in between
/// means it fires again (at least once), never that it is lost. In a cluster a silo delivers the
/// reminders of the partitions it holds, and changes them under its leases.
/// </summary>
internal sealed partial class ReminderService(
    IReminderTable table,
    TimeProvider timeProvider,
    TimeSpan pollInterval,
    PartitionMap? partitions,
    Func<ReminderEntry, CancellationToken, Task> deliver,
    ILogger logger) : IAsyncDisposable
{
    private const int BatchSize = 500;
    private readonly CancellationTokenSource _stopping = new();

    // One delivery round at a time, so the poll loop and an explicit delivery never both fire one reminder.
    private readonly SemaphoreSlim _round = new(1, 1);
    private Task _loop = Task.CompletedTask;

    public Task RegisterAsync(GrainId grain, int partition, string name, TimeSpan dueTime, TimeSpan? period, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        return RegisterAtAsync(grain, partition, name, timeProvider.GetUtcNow() + dueTime, period, cancellationToken);
    }

    /// <summary>Registers a reminder due at a point in time: what a deadline is, however the clock moves meanwhile.</summary>
    public Task RegisterAtAsync(GrainId grain, int partition, string name, DateTimeOffset dueAt, TimeSpan? period, CancellationToken cancellationToken)
    {
        if (period is { } p && p <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), "A reminder period must be positive.");
        }

        return table.UpsertAsync(new ReminderEntry(grain, partition, name, dueAt, period), partitions?.FenceFor(grain, partition), cancellationToken);
    }

    public Task UnregisterAsync(GrainId grain, int partition, string name, CancellationToken cancellationToken) =>
        table.DeleteAsync(grain, partition, name, partitions?.FenceFor(grain, partition), cancellationToken);

    public void Start() => _loop = RunAsync(_stopping.Token);

    /// <summary>Delivers every reminder due now; returns how many were delivered.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        await _round.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await DeliverRoundAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _round.Release();
        }
    }

    private async Task<int> DeliverRoundAsync(CancellationToken cancellationToken)
    {
        var delivered = 0;
        while (true)
        {
            var now = timeProvider.GetUtcNow();
            var held = partitions?.HeldPartitions();
            if (held is { Count: 0 })
            {
                return delivered;
            }

            var due = await table.ReadDueAsync(now, BatchSize, held, cancellationToken).ConfigureAwait(false);
            var before = delivered;
            await Parallel.ForEachAsync(
                due,
                new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
                async (reminder, ct) =>
                {
                    if (await FireAsync(reminder, now, ct).ConfigureAwait(false))
                    {
                        Interlocked.Increment(ref delivered);
                    }
                }).ConfigureAwait(false);

            // A full batch may mean more are due; a batch that made no progress will be retried next poll.
            if (due.Count < BatchSize || delivered == before)
            {
                return delivered;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
        _round.Dispose();
    }

    internal static DateTimeOffset NextDue(DateTimeOffset dueAt, TimeSpan period, DateTimeOffset now)
    {
        // Missed ticks (a silo was down, or simulated time jumped) collapse into one firing.
        var missed = Math.Max(0, (now - dueAt).Ticks / period.Ticks);
        return dueAt + TimeSpan.FromTicks(period.Ticks * (missed + 1));
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(pollInterval, timeProvider, cancellationToken).ConfigureAwait(false);
            try
            {
                await DeliverDueAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPollFailed(logger, ex);
            }
        }
    }

    private async Task<bool> FireAsync(ReminderEntry reminder, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await deliver(reminder, cancellationToken).ConfigureAwait(false);
            var next = reminder.Period is { } period ? NextDue(reminder.DueAt, period, now) : (DateTimeOffset?)null;
            await table.CompleteAsync(reminder, next, partitions?.FenceFor(reminder.Grain, reminder.Partition), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (PartitionMovedException)
        {
            // Delivered, but the partition moved before the row could be moved on: the new owner
            // delivers it again, which at-least-once allows.
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogDeliveryFailed(logger, reminder.Name, reminder.Grain, ex);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {Name} of grain {Grain} could not be delivered; it stays due and is retried")]
    private static partial void LogDeliveryFailed(ILogger logger, string name, GrainId grain, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading due reminders failed")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
