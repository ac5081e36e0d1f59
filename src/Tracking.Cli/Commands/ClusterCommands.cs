using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Tracking.Cli.Output;
using Tracking.Grains.Operations;
using Tracking.Silo.Telemetry;

namespace Tracking.Cli.Commands;

/// <summary><c>tracking cluster status|top|drain</c>: what the silos of a cluster hold and do, and taking one out.</summary>
internal static class ClusterCommands
{
    public static Command Create()
    {
        var status = new Command("status", "Silos of the cluster: address, state, seconds since each last reported being alive, activations");
        status.SetAction((result, ct) => ClusterActionAsync(result, ct, async tracking =>
        {
            var view = await new ClusterMonitor(tracking.Grains).LookAsync(askSilos: false, ct);
            ResultWriter.Write(view, result.GetValue(GlobalOptions.Json), v =>
            {
                Console.WriteLine($"{"silo",-34} {"state",-13} {"alive",-5} {"heartbeat",10} {"activations",11}");
                foreach (var s in v.Silos)
                {
                    Console.WriteLine($"{s.Address,-34} {s.Status,-13} {(s.Alive ? "yes" : "NO"),-5} {s.SecondsSinceHeartbeat,8:0.0} s {s.Activations,11}");
                }

                Console.WriteLine(Say.T("{0} of {1} silos active.", v.Silos.Count(s => s.Alive), v.Silos.Count));
            });
        }));

        var interval = new Option<double>("--interval") { Description = "Seconds between looks", DefaultValueFactory = _ => 2 };
        var count = new Option<int>("--count") { Description = "Stop after this many looks (default: until Ctrl+C); rates need two" };
        var top = new Command("top", "A live view of the silos: activations, calls running, and per second grain calls, state writes, exchange requests, rows read and seizure steps") { interval, count };
        top.SetAction((result, ct) => ClusterActionAsync(result, ct, async tracking =>
        {
            var monitor = new ClusterMonitor(tracking.Grains);
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

        var silo = new Argument<string>("silo") { Description = "The silo's address, as cluster status shows it" };
        var drain = new Command("drain", "Shut a silo down gracefully: it leaves the cluster, and its grains answer on the others at their next call") { silo };
        drain.SetAction((result, ct) => ClusterActionAsync(result, ct, async tracking =>
        {
            var address = result.GetValue(silo)!;
            if (!await tracking.Grains.GetGrain<IClusterGrain>(0).StopSiloAsync(address, ct))
            {
                throw new CliException($"There is no active silo '{address}' in this cluster; see ./tracking --cluster ... cluster status");
            }

            Console.WriteLine(Say.T("{0} is shutting down; its grains answer on the other silos at their next call. Watch with: ./tracking --cluster ... cluster top", address));
        }));

        return new Command("cluster", "Inspect and operate a cluster of silos (with --cluster CONNSTR)") { status, top, drain };
    }

    /// <summary>Runs against the cluster given with --cluster; there is none to look at otherwise.</summary>
    private static Task<int> ClusterActionAsync(ParseResult result, CancellationToken ct, Func<Grains.TrackingContext, Task> action)
    {
        if (result.GetValue(GlobalOptions.Cluster) is not { Length: > 0 })
        {
            Console.Error.WriteLine(Say.T("error: {0}", Say.T("give the cluster's PostgreSQL with --cluster CONNSTR; a silo alone on its store is watched on its own pages (/metrics, the console's Silo page).")));
            return Task.FromResult(CliAction.Usage);
        }

        return CliAction.RunAsync(result, ct, action);
    }

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
