using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Tracking.Cli.Output;
using Tracking.Runtime.Membership;
using Tracking.Silo.Telemetry;

namespace Tracking.Cli.Commands;

/// <summary><c>tracking cluster status|top|drain</c>: what the silos of a cluster hold and do, and taking one out.</summary>
internal static class ClusterCommands
{
    public static Command Create()
    {
        var status = new Command("status", "Silos of the cluster (address, state, last heartbeat, partitions held, activations) and partitions without a live owner");
        status.SetAction((result, ct) => CliAction.RunAsync(result, ct, async silo =>
        {
            using var monitor = Monitor(silo);
            ResultWriter.Write(await monitor.LookAsync(askSilos: false, ct), result.GetValue(GlobalOptions.Json), v =>
            {
                Console.WriteLine($"{"silo",-16} {"address",-28} {"state",-9} {"alive",-5} {"heartbeat",10} {"partitions",10} {"activations",11}");
                foreach (var s in v.Silos)
                {
                    Console.WriteLine($"{s.Id,-16} {s.Address,-28} {s.Status,-9} {(s.Alive ? "yes" : "NO"),-5} {s.SecondsSinceHeartbeat,8:0.0} s {s.Partitions,10} {s.Activations,11}");
                }

                Console.WriteLine(Held(v));
            });
        }));

        var interval = new Option<double>("--interval") { Description = "Seconds between looks", DefaultValueFactory = _ => 2 };
        var count = new Option<int>("--count") { Description = "Stop after this many looks (default: until Ctrl+C); rates need two" };
        var top = new Command("top", "A live view of the silos: partitions, activations, queued messages, and per second grain calls, state writes, exchange requests, rows read and seizure steps") { interval, count };
        top.SetAction((result, ct) => CliAction.RunAsync(result, ct, async silo =>
        {
            using var monitor = Monitor(silo);
            var every = TimeSpan.FromSeconds(Math.Max(0.1, result.GetValue(interval)));
            var looks = result.GetValue(count);
            var json = result.GetValue(GlobalOptions.Json);
            if (!json && ProgressDisplay.Interactive)
            {
                await AnsiConsole.Live(new Text("looking at the cluster…")).StartAsync(async live =>
                    await LookRepeatedlyAsync(monitor, every, looks, view => live.UpdateTarget(ClusterTable.Render(view, AnsiConsole.Profile.Width)), ct));
                return;
            }

            // To a file or a pipe: every look in turn, as one JSON line or a table as wide as it needs.
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 200);
            await LookRepeatedlyAsync(monitor, every, looks, view =>
            {
                if (json)
                {
                    Console.Out.WriteLine(JsonSerializer.Serialize(view, TelemetryJsonContext.Default.ClusterView));
                }
                else
                {
                    AnsiConsole.Write(ClusterTable.Render(view, AnsiConsole.Profile.Width));
                }
            }, ct);
        }));

        var silo = new Argument<string>("silo") { Description = "The silo's id, as cluster status shows it" };
        var stop = new Option<bool>("--stop") { Description = "Shut the silo down once it has handed its partitions over (default: it stays up, hosting nothing)" };
        var drain = new Command("drain", "Have a silo hand all its partitions over to the others (then, with --stop, shut down)") { silo, stop };
        drain.SetAction((result, ct) => CliAction.RunAsync(result, ct, async client =>
        {
            var id = result.GetValue(silo)!;
            if (!await client.RequestStatusAsync(id, result.GetValue(stop) ? SiloMemberStatus.Stopping : SiloMemberStatus.Draining, ct))
            {
                throw new CliException($"There is no silo '{id}' in this cluster; see ./tracking --cluster ... cluster status");
            }

            Console.WriteLine($"{id} is handing its partitions over{(result.GetValue(stop) ? " and will then stop" : "")}; watch it with: ./tracking --cluster ... cluster top");
        }));

        return new Command("cluster", "Inspect and operate a cluster of silos (with --cluster CONNSTR)") { status, top, drain };
    }

    public static string Held(ClusterView view) => $"{view.Partitions} partitions, {view.Partitions - view.Unowned} held, {view.Unowned} without a live lease.";

    private static ClusterMonitor Monitor(Runtime.Hosting.Silo silo) =>
        silo.ClusterId is null
            ? throw new CliException("There is no cluster on this store: give the silos' PostgreSQL with --cluster CONNSTR.")
            : new ClusterMonitor(silo);

    private static async Task LookRepeatedlyAsync(ClusterMonitor monitor, TimeSpan every, int looks, Action<ClusterView> show, CancellationToken cancellationToken)
    {
        for (var look = 1; looks <= 0 || look <= looks; look++)
        {
            if (look > 1)
            {
                await Task.Delay(every, cancellationToken);
            }

            show(await monitor.LookAsync(askSilos: true, cancellationToken));
        }
    }
}
