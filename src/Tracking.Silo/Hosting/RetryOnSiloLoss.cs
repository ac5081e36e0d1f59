using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Tracking.Grains.Seizures;

namespace Tracking.Silo.Hosting;

/// <summary>
/// A call to Tracking's grains cut off because the silo hosting its grain died (or left) is made
/// again, after a pause, until the grain answers from another silo or <see cref="Patience"/> runs
/// out. Every Tracking grain method is idempotent — reminders' at-least-once delivery demands it —
/// so a repeat of a call that did its work before the silo died changes nothing.
/// </summary>
public sealed partial class RetryOnSiloLoss(ILogger<RetryOnSiloLoss> logger) : IOutgoingGrainCallFilter
{
    /// <summary>How long a call keeps being made again: long enough for a dead silo to be declared dead and its grains to move.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan s_pause = TimeSpan.FromMilliseconds(250);
    private static readonly System.Reflection.Assembly s_contracts = typeof(ISeizureGrain).Assembly;

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (context.InterfaceMethod.DeclaringType?.Assembly != s_contracts)
        {
            await context.Invoke();
            return;
        }

        var started = TimeProvider.System.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            Exception? failure;
            try
            {
                await context.Invoke();
                failure = context.Response?.Exception;
            }
            catch (Exception ex)
            {
                failure = ex;
            }

            if (failure is null || !IsSiloLoss(failure) || TimeProvider.System.GetElapsedTime(started) > Patience)
            {
                if (failure is not null && context.Response is null)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
                }

                return;
            }

            LogRetrying(logger, context.InterfaceName, context.MethodName, attempt, failure.Message);
            await Task.Delay(s_pause);
        }
    }

    /// <summary>The call never reached a live silo (a rejected message was not processed), or its silo is gone.</summary>
    private static bool IsSiloLoss(Exception failure) => failure is OrleansMessageRejectionException or ConnectionFailedException;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Interface}.{Method} was cut off by a silo's loss (attempt {Attempt}: {Reason}); calling again")]
    private static partial void LogRetrying(ILogger logger, string @interface, string method, int attempt, string reason);
}
