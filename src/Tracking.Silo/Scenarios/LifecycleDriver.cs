using Microsoft.Extensions.Time.Testing;
using Tracking.Domain.Seizures;
using Tracking.Grains;
using Tracking.Grains.Seizures;
using Tracking.Silo.Telemetry;

namespace Tracking.Silo.Scenarios;

/// <summary>
/// Moves a silo's simulated clock forward and lets everything that falls due happen: reminders
/// fire, requests reach the exchange, its answers come back. A supervisor, when given, approves
/// every sale that awaits approval at each step.
/// </summary>
public sealed class LifecycleDriver(TrackingContext tracking, FakeTimeProvider clock, ExchangeSimClient exchanges, GrainCallMonitor calls)
{
    private static readonly TimeSpan s_look = TimeSpan.FromMilliseconds(25);

    /// <summary>How many looks in a row must find nothing running: reminders and answers arrive a few milliseconds after they fall due.</summary>
    private const int QuietLooks = 4;

    /// <summary>Waits until no grain call runs and the exchanges have nothing in progress or in flight, for several looks in a row.</summary>
    public async Task SettleAsync(CancellationToken cancellationToken)
    {
        for (var quiet = 0; quiet < QuietLooks;)
        {
            await Task.Delay(s_look, cancellationToken);
            var pending = await exchanges.GetPendingAsync(cancellationToken);
            quiet = calls.Running == 0 && pending.Processing == 0 && pending.Callbacks == 0 ? quiet + 1 : 0;
        }
    }

    /// <summary>Advances the clock by <paramref name="duration"/> in steps, settling after each; returns at the first step where <paramref name="done"/> holds.</summary>
    public async Task RunAsync(TimeSpan duration, TimeSpan step, string? supervisor, Func<Task<bool>>? done, CancellationToken cancellationToken)
    {
        await SettleAsync(cancellationToken);
        for (var elapsed = TimeSpan.Zero; elapsed < duration; elapsed += step)
        {
            if (done is not null && await done())
            {
                return;
            }

            clock.Advance(step);
            await SettleAsync(cancellationToken);
            if (supervisor is not null)
            {
                await ApproveSalesAsync(supervisor, cancellationToken);
            }
        }
    }

    public async Task<int> ApproveSalesAsync(string supervisor, CancellationToken cancellationToken)
    {
        var waiting = (await CaseCatalog.ListAsync(tracking.Grains, tracking.States, cancellationToken)).Where(s => s.Status == SeizureStatus.AwaitingSaleApproval).ToArray();
        var approved = 0;
        foreach (var seizure in waiting)
        {
            try
            {
                await tracking.Grains.GetGrain<ISeizureGrain>(seizure.SeizureId).ApproveSaleAsync(supervisor, cancellationToken);
                approved++;
            }
            catch (CommandRejectedException)
            {
                // The list is a moment's picture: a reminder or a payment may have moved the case on
                // (a release asked for) before the supervisor got to it, as at a real desk.
            }
        }

        if (waiting.Length > 0)
        {
            await SettleAsync(cancellationToken);
        }

        return approved;
    }
}
