using System.CommandLine;
using Tracking.Cli.Output;
using Tracking.Runtime.Membership;

namespace Tracking.Cli.Commands;

/// <summary><c>tracking cluster status</c> and <c>tracking cluster drain</c>: what the silos of a cluster hold, and taking one out.</summary>
internal static class ClusterCommands
{
    public static Command Create()
    {
        var status = new Command("status", "Silos of the cluster (address, state, last heartbeat, partitions held, activations) and partitions without a live owner");
        status.SetAction((result, ct) => CliAction.RunAsync(result, ct, async silo =>
        {
            var snapshot = await silo.ReadClusterAsync(ct);
            var timeout = silo.Options.Cluster.SiloTimeout;
            var held = snapshot.Leases.Where(l => !l.IsFree).ToLookup(l => l.Owner!);
            var view = new ClusterStatus(
                snapshot.Silos
                    .Where(s => s.Status != SiloMemberStatus.Left || held[s.Id].Any())
                    .Select(s => new ClusterSiloStatus(s.Id, s.Address.ToString(), s.Status, s.Status != SiloMemberStatus.Left && s.SinceHeartbeat < timeout, Math.Round(s.SinceHeartbeat.TotalSeconds, 1), held[s.Id].Count(), s.Activations))
                    .ToArray(),
                snapshot.Leases.Count,
                snapshot.Leases.Count(l => l.IsFree));
            ResultWriter.Write(view, result.GetValue(GlobalOptions.Json), v =>
            {
                Console.WriteLine($"{"silo",-16} {"address",-28} {"state",-9} {"alive",-5} {"heartbeat",10} {"partitions",10} {"activations",11}");
                foreach (var s in v.Silos)
                {
                    Console.WriteLine($"{s.Id,-16} {s.Address,-28} {s.Status.ToString().ToLowerInvariant(),-9} {(s.Alive ? "yes" : "NO"),-5} {s.SecondsSinceHeartbeat,8:0.0} s {s.Partitions,10} {s.Activations,11}");
                }

                Console.WriteLine($"{v.Partitions} partitions, {v.Partitions - v.Unowned} held, {v.Unowned} without a live lease.");
            });
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

            Console.WriteLine($"{id} is handing its partitions over{(result.GetValue(stop) ? " and will then stop" : "")}; watch it with: ./tracking --cluster ... cluster status");
        }));

        return new Command("cluster", "Inspect and operate a cluster of silos (with --cluster CONNSTR)") { status, drain };
    }
}

/// <summary>The cluster as <c>cluster status</c> shows it.</summary>
internal sealed record ClusterStatus(IReadOnlyList<ClusterSiloStatus> Silos, int Partitions, int Unowned);

internal sealed record ClusterSiloStatus(string Id, string Address, SiloMemberStatus Status, bool Alive, double SecondsSinceHeartbeat, int Partitions, int Activations);
