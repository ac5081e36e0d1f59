using Tracking.Domain.Seizures;
using Tracking.Grains.Seizures;
using Tracking.Runtime.Timing;

namespace Tracking.Silo.Scenarios;

/// <summary>
/// Moves a silo's simulated clock forward and lets everything that falls due happen: reminders
/// fire, requests reach the exchange, its answers come back. A supervisor, when given, approves
/// every sale that awaits approval at each step.
/// </summary>
public sealed class LifecycleDriver(Runtime.Hosting.Silo silo, SimulatedTimeProvider clock, ExchangeSimClient exchanges)
{
    /// <summary>Waits until no reminder is due and the exchanges have nothing in progress or in flight.</summary>
    public async Task SettleAsync(CancellationToken cancellationToken)
    {
        for (var quietRounds = 0; quietRounds < 2;)
        {
            var fired = await silo.DeliverDueRemindersAsync(cancellationToken);
            var pending = await exchanges.GetPendingAsync(cancellationToken);
            if (fired == 0 && pending.Processing == 0 && pending.Callbacks == 0)
            {
                quietRounds++;
            }
            else
            {
                quietRounds = 0;
            }

            if (fired == 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken);
            }
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
        var waiting = (await CaseCatalog.ListAsync(silo, cancellationToken)).Where(s => s.Status == SeizureStatus.AwaitingSaleApproval).ToArray();
        foreach (var seizure in waiting)
        {
            await silo.Get<ISeizureGrain>(seizure.SeizureId).CallAsync(new ApproveSeizureSale(supervisor), cancellationToken);
        }

        if (waiting.Length > 0)
        {
            await SettleAsync(cancellationToken);
        }

        return waiting.Length;
    }
}
