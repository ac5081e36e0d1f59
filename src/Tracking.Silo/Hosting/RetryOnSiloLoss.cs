using System.Runtime.ExceptionServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
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
/// <param name="clientResponseTimeout">
/// For a client outside the cluster, its default response timeout; null for a silo. A client's calls
/// pass through a gateway silo, and one already sent when the grain's silo (or the gateway) dies is
/// never failed by Orleans: it waits out its response timeout. Such a timeout is taken for a silo's
/// loss too. A silo's own calls need not: Orleans fails them with a rejection once membership
/// declares the silo dead.
/// </param>
public sealed partial class RetryOnSiloLoss(ILogger<RetryOnSiloLoss> logger, TimeSpan? clientResponseTimeout) : IOutgoingGrainCallFilter
{
    /// <summary>How long a call keeps being made again: long enough for a dead silo to be declared dead and its grains to move.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan s_pause = TimeSpan.FromMilliseconds(250);
    private static readonly System.Reflection.Assembly s_contracts = typeof(ISeizureGrain).Assembly;

    /// <summary>For a silo's calls to other grains.</summary>
    public static void AddTo(ISiloBuilder silo) =>
        silo.Services.AddSingleton<IOutgoingGrainCallFilter>(sp => new RetryOnSiloLoss(sp.GetRequiredService<ILogger<RetryOnSiloLoss>>(), clientResponseTimeout: null));

    /// <summary>For a client's calls into the cluster.</summary>
    public static void AddTo(IClientBuilder client) =>
        client.Services.AddSingleton<IOutgoingGrainCallFilter>(sp => new RetryOnSiloLoss(
            sp.GetRequiredService<ILogger<RetryOnSiloLoss>>(), sp.GetRequiredService<IOptions<ClientMessagingOptions>>().Value.ResponseTimeout));

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
            var sent = TimeProvider.System.GetTimestamp();
            Exception? failure;
            ExceptionDispatchInfo? thrown = null;
            try
            {
                await context.Invoke();
                failure = context.Response?.Exception;
            }
            catch (Exception ex)
            {
                // Thrown by this attempt: the response an earlier attempt left is not this one's.
                failure = ex;
                thrown = ExceptionDispatchInfo.Capture(ex);
            }

            if (failure is null || !IsSiloLoss(failure, context, TimeProvider.System.GetElapsedTime(sent)) || TimeProvider.System.GetElapsedTime(started) > Patience)
            {
                thrown?.Throw();
                return;
            }

            LogRetrying(logger, context.InterfaceName, context.MethodName, attempt, failure.Message);
            await Task.Delay(s_pause);
        }
    }

    /// <summary>
    /// The call never reached a live silo (a rejected message was not processed), or its silo is
    /// gone; for a client, also a call whose answer did not come within its response timeout. A
    /// timeout the grain answered with before then is its answer; one it answered with later (a
    /// call of its own that waited as long) is made again like the rest, which an idempotent call
    /// allows. A call that only ran long is made again at most while within <see cref="Patience"/>,
    /// and queues behind the first.
    /// </summary>
    private bool IsSiloLoss(Exception failure, IOutgoingGrainCallContext context, TimeSpan waited) =>
        failure is OrleansMessageRejectionException or ConnectionFailedException
        || (failure is TimeoutException && clientResponseTimeout is { } timeout && waited >= (context.Request.GetDefaultResponseTimeout() ?? timeout));

    [LoggerMessage(Level = LogLevel.Information, Message = "{Interface}.{Method} was cut off by a silo's loss (attempt {Attempt}: {Reason}); calling again")]
    private static partial void LogRetrying(ILogger logger, string @interface, string method, int attempt, string reason);
}
