using Tracking.Runtime.Tests.Grains;
using Tracking.Runtime.Timing;
using Tracking.TestingHost;

namespace Tracking.Runtime.Tests;

public sealed class ReminderTests
{
    private static readonly DateTimeOffset s_start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [AllStorages]
    public async Task A_reminder_set_before_a_restart_fires_after_it(string kind)
    {
        var clock = new SimulatedTimeProvider(s_start);
        await using var storage = await TestStorage.CreateAsync(kind);
        // Delivered explicitly below, so the poll loop is kept out of the way.
        await using var host = await RuntimeFixture.StartAsync(storage, clock, o => o.ReminderPollInterval = TimeSpan.FromDays(30));
        await host.GrainFactory.Get<IReminderGrain>("r").CallAsync(new Schedule("deadline", TimeSpan.FromDays(20), null));

        await host.RestartAsync();
        clock.Advance(TimeSpan.FromDays(19));
        Assert.Equal(0, await host.Silo.DeliverDueRemindersAsync(default));
        clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await host.Silo.DeliverDueRemindersAsync(default));

        var firings = await host.GrainFactory.Get<IReminderGrain>("r").CallAsync(new GetFirings());
        Assert.Equal([$"deadline@{s_start.AddDays(20):O}"], firings);

        // A one-shot reminder is gone once delivered.
        Assert.Equal(0, await host.Silo.DeliverDueRemindersAsync(default));
    }

    [Theory]
    [AllStorages]
    public async Task The_silo_polls_and_delivers_periodic_reminders_as_simulated_time_passes(string kind)
    {
        var clock = new SimulatedTimeProvider(s_start);
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var host = await RuntimeFixture.StartAsync(storage, clock, o => o.ReminderPollInterval = TimeSpan.FromMinutes(1));
        var grain = host.GrainFactory.Get<IReminderGrain>("periodic");
        await grain.CallAsync(new Schedule("daily", TimeSpan.FromDays(1), TimeSpan.FromDays(1)));

        // Each simulated day, the poll loop must deliver one firing on its own.
        for (var day = 1; day <= 3; day++)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while ((await grain.CallAsync(new GetFirings())).Count < day)
            {
                Assert.True(DateTime.UtcNow < deadline, $"day {day}'s reminder never fired");
                clock.Advance(TimeSpan.FromMinutes(30));
                await Task.Delay(10);
            }
        }

        await grain.CallAsync(new Cancel("daily"));
        clock.Advance(TimeSpan.FromDays(5));
        Assert.Equal(0, await host.Silo.DeliverDueRemindersAsync(default));
        Assert.Equal(3, (await grain.CallAsync(new GetFirings())).Count);
    }
}
