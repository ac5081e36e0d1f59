using System.Globalization;
using System.CommandLine;
using Spectre.Console;
using Tracking.Cli.Output;
using Tracking.Domain.Matching;
using Tracking.Grains;
using Tracking.Grains.Seizures;
using Tracking.Grains.Sweeps;

namespace Tracking.Cli.Commands;

/// <summary><c>tracking sweep</c> and <c>tracking matches</c>: find every delinquent's accounts, and list what was found.</summary>
internal static class SweepCommands
{
    public static Command Sweep()
    {
        var full = new Option<bool>("--full")
        {
            Description = "File every record in the match index afresh and learn the weights again, even while the silos keep the last sweep's index (by default only records changed since are filed again)",
        };
        var command = new Command("sweep", "Match every imported taxpayer against every imported account; record new candidates") { Weights(), full };
        command.SetAction((result, ct) => CliAction.RunAsync(result, ct, tracking => RunSweepAsync(tracking, result, result.GetValue(full), ct)));
        return command;
    }

    /// <summary><c>tracking sweep weights</c>: what the last sweep learnt, so that any candidate's weight can be explained.</summary>
    private static Command Weights()
    {
        var command = new Command("weights", "The match weights the last sweep learnt: for each field and level, m, u and the weight in bits");
        command.SetAction((result, ct) => CliAction.RunAsync(result, ct, async tracking =>
        {
            if (await tracking.Grains.GetGrain<ISweepGrain>(ISweepGrain.Main).GetModelAsync(ct) is not { } model)
            {
                Console.WriteLine(Say.T("No sweep has learnt match weights yet."));
                return;
            }

            ResultWriter.Write(model, result.GetValue(GlobalOptions.Json), m =>
            {
                Console.WriteLine(Say.T("Share of pairs that are the same person: {0:E1}; review by weight from {1} bits.", m.MatchShare, m.ReviewThreshold is { } t ? t.ToString("0.0", CultureInfo.InvariantCulture) : "—"));
                foreach (var field in m.Fields)
                {
                    foreach (var level in field.Levels)
                    {
                        Console.WriteLine($"{field.Field,-6} {level.Level,-10} m {level.M,7:0.0000}  u {level.U,10:0.000000}  {level.Weight,6:+0.0;-0.0} {(field.Learnt ? "" : Say.T("(prior: not learnt from the data)"))}");
                    }
                }

                if (m.Names is { } names)
                {
                    Console.WriteLine(Say.T("Names: two taxpayers share one by chance {0:E1}; {1} names listed, a name not listed weighs as one of share {2:E1} at most. Commonest:", names.Mean, names.Shares.Count, names.Rest));
                    foreach (var (name, share) in names.Shares.OrderByDescending(n => n.Value).ThenBy(n => n.Key, StringComparer.Ordinal).Take(5))
                    {
                        Console.WriteLine($"  {name,-12} {share,9:0.000000}  {names.Adjustment(name),6:+0.0;-0.0}");
                    }
                }
            });
        }));
        return command;
    }

    public static async Task RunSweepAsync(TrackingContext tracking, ParseResult result, bool full, CancellationToken ct)
    {
        var sweep = tracking.Grains.GetGrain<ISweepGrain>(ISweepGrain.Main);
        var summary = ProgressDisplay.Interactive
            ? await ProgressDisplay.Bar("shards/s").StartAsync(async context =>
            {
                var task = context.AddTask("shards", maxValue: 1);
                var done = await WatchAsync(
                    sweep,
                    Environment.UserName,
                    full,
                    status =>
                    {
                        (task.MaxValue, task.Value) = (status.ShardsTotal, status.ShardsDone);
                        task.Description = status.Running && status.ShardsDone == 0 ? Say.T("shards (index: {0:N0} records read)", status.RecordsIndexed) : "shards";
                    },
                    ct);
                task.Value = task.MaxValue;
                return done;
            })
            : await WatchAsync(sweep, Environment.UserName, full, _ => { }, ct);

        ResultWriter.Write(summary, result.GetValue(GlobalOptions.Json), s =>
        {
            Console.WriteLine(Say.T("Sweep {0}: {1} candidates over {2} shards — {3} new automatic, {4} new for review, {5} already known, {6} review items no longer found ({7:0.0} s).", s.Run, s.CandidatesFound, s.Shards, s.NewAuto, s.NewReview, s.Unchanged, s.NoLongerFound, (s.FinishedAt - s.StartedAt).TotalSeconds));
            if (s.RecordsRevised is { } revised)
            {
                Console.WriteLine(Say.T("Only the {0:N0} taxpayers and accounts changed since the last sweep were filed again and compared, with its weights (--full files everything).", revised));
            }

            if (s.Phases is { } p)
            {
                Console.WriteLine(Say.T("Filing the index {0:0.0} s, learning the weights {1:0.0} s, comparing {2:0.0} s, recording {3:0.0} s.", p.FilingSeconds, p.LearningSeconds, p.ComparingSeconds, p.RecordingSeconds));
            }
        });
    }

    /// <summary>
    /// Starts a sweep and watches it until a run newer than the one before it is on record. The
    /// sweep runs in its grain: if the silo holding it is lost, the grain answers from another
    /// silo with no sweep under way, and the sweep is started again (recording is idempotent).
    /// </summary>
    private static async Task<SweepSummary> WatchAsync(ISweepGrain sweep, string actor, bool full, Action<SweepStatus> progress, CancellationToken ct)
    {
        const int MostStarts = 5;
        const int MostSilentLooks = 2;
        var before = (await sweep.GetStatusAsync(ct)).LastRun?.Run ?? 0;
        var status = await sweep.StartAsync(actor, full, ct);
        for (int starts = 1, silentLooks = 0; ; )
        {
            progress(status);
            if (status.LastRun is { } last && last.Run > before)
            {
                return last;
            }

            if (!status.Running)
            {
                if (++starts > MostStarts)
                {
                    throw new CliException($"the sweep did not complete after {MostStarts} attempts: {status.LastFailure ?? "it stopped without saying why"}");
                }

                status = await sweep.StartAsync(actor, full, ct);
                continue;
            }

            await Task.Delay(200, ct);
            try
            {
                status = await sweep.GetStatusAsync(ct);
                silentLooks = 0;
            }
            catch (TimeoutException) when (++silentLooks < MostSilentLooks)
            {
                // The silo holding the sweep went silent (it died, and is not yet known dead), and the
                // question was asked again for a minute (RetryOnSiloLoss): ask once more, but not
                // forever: a cluster silent for two minutes is not coming back.
            }
        }
    }

    private static Command Approve()
    {
        var taxpayer = new Argument<string>("taxpayer-id");
        var exchange = new Argument<string>("exchange");
        var account = new Argument<string>("account-id");
        var by = new Option<string>("--by") { Description = "Who approves (recorded as the seizure's basis)", Required = true };
        var command = new Command("approve", "Approve a review candidate as the taxpayer's account: opens its seizure and sends the notice") { taxpayer, exchange, account, by };
        command.SetAction((result, ct) => CliAction.RunAsync(result, ct, async tracking =>
        {
            var opening = await new SeizureOpener(tracking.Grains).OpenApprovedReviewAsync(result.GetValue(taxpayer)!, result.GetValue(exchange)!, result.GetValue(account)!, result.GetValue(by)!, null, ct);
            ResultWriter.Write(opening, result.GetValue(GlobalOptions.Json), o =>
                Console.WriteLine(o.New ? Say.T("Opened {0} — {1}", o.Seizure.SeizureId, o.Seizure.Status) : Say.T("Already open: {0} — {1}", o.Seizure.SeizureId, o.Seizure.Status)));
        }));
        return command;
    }

    private static Command Reject()
    {
        var taxpayer = new Argument<string>("taxpayer-id");
        var exchange = new Argument<string>("exchange");
        var account = new Argument<string>("account-id");
        var by = new Option<string>("--by") { Description = "Who rejects", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why the account is not the taxpayer's", Required = true };
        var command = new Command("reject", "Reject a review candidate: not the taxpayer's account; no seizure is opened") { taxpayer, exchange, account, by, reason };
        command.SetAction((result, ct) => CliAction.RunAsync(result, ct, async tracking =>
        {
            var candidate = await new SeizureOpener(tracking.Grains).RejectReviewAsync(result.GetValue(taxpayer)!, result.GetValue(exchange)!, result.GetValue(account)!, result.GetValue(by)!, result.GetValue(reason)!, ct);
            ResultWriter.Write(candidate, result.GetValue(GlobalOptions.Json), c => Console.WriteLine(Say.T("Rejected {0}/{1} for taxpayer {2}", c.Exchange, c.AccountId, c.TaxpayerId)));
        }));
        return command;
    }

    public static Command Matches()
    {
        var decision = new Option<MatchDecision?>("--decision") { Description = "Only auto or only review candidates" };
        var command = new Command("matches", "List the candidates found by sweeps: decision, score, match weight (bits), taxpayer, exchange, account, reasons") { decision, Approve(), Reject() };
        command.SetAction((result, ct) => CliAction.RunAsync(result, ct, async tracking =>
        {
            var candidates = (await tracking.Grains.GetGrain<ISweepGrain>(ISweepGrain.Main).GetCandidatesAsync(result.GetValue(decision), ct)).Candidates;
            ResultWriter.Write(candidates, result.GetValue(GlobalOptions.Json), list =>
            {
                foreach (var c in list)
                {
                    Console.WriteLine($"{c.Decision,-6} {c.Score,3} {c.Weight?.Total,6:+0.0;-0.0;0.0}  {c.TaxpayerId,-14} {c.Exchange,-8} {c.AccountId,-14} {string.Join(' ', c.Reasons)}");
                }

                Console.WriteLine(Say.T("{0} candidates: {1} automatic, {2} for review.", list.Count, list.Count(c => c.Decision == MatchDecision.Auto), list.Count(c => c.Decision == MatchDecision.Review)));
            });
        }));
        return command;
    }
}
