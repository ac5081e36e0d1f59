using System.Diagnostics;
using Tracking.Domain.Identity;
using Tracking.Domain.Matching;
using Tracking.Domain.Matching.Weights;
using Tracking.Grains.Sweeps;
using Tracking.Ingest.Accounts;
using Tracking.Ingest.Roll;
using Tracking.LoadTests.Reporting;
using Tracking.Silo.Hosting;
using Tracking.TestingHost;

namespace Tracking.LoadTests.Sweep;

/// <summary>
/// Files to opened cases at scale: parse the roll and the five exchange files, import them into
/// grains, sweep; against, in the same run, a plain in-memory hash join, the matcher alone in
/// memory, and the same key join in PostgreSQL. Also reports how right the sweep was.
/// </summary>
internal static class SweepBenchmark
{
    private static readonly byte[] s_rrnKey = "loadtest-rrn-key-not-a-secret-01"u8.ToArray();

    public static async Task<SweepFigures> RunAsync(string directory, string profiles, IReadOnlyList<(string Name, StorageSettings Storage)> stores, string? postgres, bool explain)
    {
        var truth = File.ReadLines(Path.Combine(directory, "truth.csv")).Skip(1).Select(l => l.Split(',')).Select(f => (f[0], f[1], f[2])).ToHashSet();
        var rows = File.ReadLines(Path.Combine(directory, "taxpayers.csv")).LongCount() - 1;
        var accountRows = PopulationGenerator.Exchanges.Sum(e => File.ReadLines(Path.Combine(directory, e.File), System.Text.Encoding.GetEncoding(e.Exchange is "bithumb" or "gopax" ? 949 : 65001)).LongCount() - 1);
        Console.WriteLine($"Data: {rows:N0} taxpayers, {accountRows:N0} account rows, {truth.Count:N0} true pairs ({directory})");
        Console.WriteLine();
        Console.WriteLine("| phase | time | rate | vs. plain hash join | notes |");
        Console.WriteLine("|---|---|---|---|---|");

        var plain = Stopwatch.StartNew();
        var joinedRows = PlainHashJoin.Run(directory);
        var plainTime = plain.Elapsed;
        Line("plain exact-key hash join, single thread, split lines (baseline)", plainTime, (rows + accountRows) / plainTime.TotalSeconds, "rows/s", plainTime, $"{joinedRows:N0} rows joined");

        var parse = Stopwatch.StartNew();
        var roll = RollReader.Read(Path.Combine(directory, "taxpayers.csv"), Path.Combine(directory, "tax_items.csv"), s_rrnKey);
        var known = ExchangeProfile.LoadAll(profiles);
        var files = PopulationGenerator.Exchanges.Select(e => AccountFileReader.Read(Path.Combine(directory, e.File), known[e.Exchange], s_rrnKey)).ToArray();
        var parseTime = parse.Elapsed;
        Line("parse roll + exchange files (profiles, encodings, RRN hashing)", parseTime, (rows + accountRows) / parseTime.TotalSeconds, "rows/s", plainTime, $"{files.Sum(f => f.Problems.Count)} row problems");

        // The parsed files are gigabytes just allocated: collected once here, so the matcher is not
        // timed promoting them (in a silo, the import is long over when a sweep runs).
        SettleHeap();
        var indexing = Stopwatch.StartNew();
        var finder = new CandidateFinder(roll.Taxpayers.AsParallel().AsOrdered().Select(t => t.Identity()).ToArray());
        var accounts = files.SelectMany(f => f.Accounts).AsParallel().AsOrdered().Select(a => a.Identity()).ToArray();
        var indexTime = indexing.Elapsed;
        var memory = Stopwatch.StartNew();
        var inMemory = accounts.AsParallel().SelectMany(a => finder.Find(a)).ToArray();
        var memoryTime = indexTime + memory.Elapsed;
        var matcherQuality = Quality(inMemory, truth);
        Line("matcher alone in memory (blocking + fuzzy comparison, all cores), rules only", memoryTime, inMemory.Length / memoryTime.TotalSeconds, "candidates/s", plainTime, $"{matcherQuality}; identities and index {indexTime.TotalSeconds:0.0} s of it");

        SettleHeap();
        var learning = Stopwatch.StartNew();
        var sample = finder.Sample(accounts, MatchModelOptions.Default);
        var model = MatchModelTrainer.Train(sample);
        var learningTime = learning.Elapsed;
        var compared = sample.Compared.Values.Sum();
        Line("learning the match weights in memory (every blocked pair counted once, 200,000 random pairs, EM)", learningTime, 0, "", plainTime, $"λ {model.MatchShare:E1}, review from {(model.ReviewThreshold is { } t ? $"{t:0.0} bits" : "no weight")}; {compared:N0} pairs compared, {(double)compared / accounts.Length:0.00} per account; {model.Names?.Shares.Count ?? 0:N0} names measured");
        SettleHeap();
        var weighing = Stopwatch.StartNew();
        var weighed = accounts.AsParallel().SelectMany(a => finder.Find(a, model)).ToArray();
        var weighingTime = indexTime + weighing.Elapsed;
        var weighedQuality = Quality(weighed, truth);
        Line("matcher alone in memory with the learnt weights (all cores, the same identities and index)", weighingTime, weighed.Length / weighingTime.TotalSeconds, "candidates/s", plainTime, $"{weighedQuality}; identities and index {indexTime.TotalSeconds:0.0} s of it");
        if (explain)
        {
            Explain(weighed, truth, model, roll.Taxpayers.Select(t => t.Identity()), accounts);
        }
        TimeSpan? postgresJoin = null;
        if (postgres is not null)
        {
            var (load, join, pairs) = await PostgresJoin.RunAsync(postgres, roll.Taxpayers, files.SelectMany(f => f.Accounts));
            Line("PostgreSQL: load blocking keys (binary COPY)", load, 0, "", plainTime, "");
            Line("PostgreSQL: SQL join on the same blocking keys", join, pairs / join.TotalSeconds, "pairs/s", plainTime, $"{pairs:N0} pairs (before comparison)");
            postgresJoin = join;
        }

        var measured = new List<SweepStoreFigures>();
        foreach (var (name, storage) in stores)
        {
            await using var silo = await BenchSilo.StartAsync(storage.CreateStore());
            var importer = silo.Context.Importer();

            var clock = Stopwatch.StartNew();
            await importer.ImportRollAsync(roll, null, CancellationToken.None);
            var importRoll = clock.Elapsed;
            Line($"{name}: import roll into grains (bulk create)", importRoll, rows / importRoll.TotalSeconds, "taxpayers/s", plainTime, "");

            clock.Restart();
            foreach (var file in files)
            {
                await importer.ImportAccountsAsync(file, null, CancellationToken.None);
            }

            var importAccounts = clock.Elapsed;
            Line($"{name}: import accounts into grains (bulk create)", importAccounts, accountRows / importAccounts.TotalSeconds, "rows/s", plainTime, $"{files.Sum(f => f.Accounts.Count):N0} accounts");

            // The baseline for the ticks' lateness: the same process idle, just before the sweep.
            var idle = TickLateness.Start();
            await Task.Delay(TimeSpan.FromSeconds(3));
            var idleLate = TickLateness.Latest(await idle.StopAsync(), [double.MaxValue]).All;

            clock.Restart();
            var sweeps = silo.Grains.GetGrain<ISweepGrain>(ISweepGrain.Main);
            var ticks = TickLateness.Start();
            var summary = await sweeps.RunAsync("loadtest");
            var sweep = clock.Elapsed;
            var phases = summary.Phases ?? new SweepPhases(0, 0, 0, 0);
            var late = TickLateness.Latest(await ticks.StopAsync(), [phases.FilingSeconds, phases.LearningSeconds, phases.ComparingSeconds, phases.RecordingSeconds]);
            var quality = Quality(await sweeps.GetCandidatesAsync(null), truth);
            Line($"{name}: sweep (match phase: index filed from the store, shards in parallel, candidates recorded)", sweep, summary.CandidatesFound / sweep.TotalSeconds, "candidates/s", plainTime, $"{quality}; filing / learning / comparing / recording {Phases(summary.Phases)} s; a 100-ms tick on the thread pool ran up to {late.All:N0} ms late (p99 {late.P99:N0} ms; in each phase up to {string.Join(" / ", late.ByPhase.Select(ms => ms.ToString("N0")))} ms; idle just before, up to {idleLate:N0} ms)");

            var total = parseTime + importRoll + importAccounts + sweep;
            Line($"{name}: end to end, files to recorded candidates", total, (rows + accountRows) / total.TotalSeconds, "rows/s", plainTime, "");

            // An exchange's next list: the same file with every hundredth account changed, half of them
            // in their holdings alone and half with a new phone number for the holder as well.
            var next = files[0] with
            {
                Accounts = [.. files[0].Accounts.Select((a, i) => i % 100 != 0 ? a : (i % 200 == 0 ? a with { Phone = $"019{i:D8}" } : a) with { Holdings = [.. a.Holdings.Select((h, j) => j == 0 ? h with { Total = h.Total + 1 } : h)] })],
            };
            clock.Restart();
            var reimport = await importer.ImportAccountsAsync(next, null, CancellationToken.None);
            var reimportTime = clock.Elapsed;
            Line($"{name}: {next.Exchange}'s file again, 1% of its accounts changed (half of them the holder's phone): import", reimportTime, next.Rows / reimportTime.TotalSeconds, "rows/s", plainTime, $"{reimport.Changed:N0} changed, {reimport.Unchanged:N0} unchanged");
            clock.Restart();
            var resweep = await sweeps.RunAsync("loadtest");
            var resweepTime = clock.Elapsed;
            Line($"{name}: sweep again", resweepTime, 0, "", plainTime, $"{(resweep.RecordsRevised is { } revised ? $"{revised:N0} records filed again" : "everything filed again")}; {resweep.NewAuto + resweep.NewReview:N0} new candidates, {resweep.NoLongerFound:N0} no longer found");
            var incremental = (reimportTime + resweepTime) / total;
            Line($"{name}: import + sweep again (share of end to end: {incremental:P1})", reimportTime + resweepTime, 0, "", plainTime, "");

            // The same records swept in full: what it finds that the sweep of the changes did not
            // (or with another decision or weight), and the review items it no longer finds. It
            // learns its weights afresh, so a difference may be the weights', not a missed pair.
            var before = (await sweeps.GetCandidatesAsync(null)).ToDictionary(c => (c.TaxpayerId, c.Exchange, c.AccountId));
            var weighedWith = await sweeps.GetModelAsync();
            clock.Restart();
            var check = await sweeps.RunAsync("loadtest", full: true);
            var checkTime = clock.Elapsed;
            var after = await sweeps.GetCandidatesAsync(null);
            var newPairs = after.Where(c => !before.ContainsKey((c.TaxpayerId, c.Exchange, c.AccountId))).ToArray();
            var otherDecision = after.Where(c => before.TryGetValue((c.TaxpayerId, c.Exchange, c.AccountId), out var was) && was.Decision != c.Decision).ToArray();

            // Each such pair weighed again as the records now are, with the weights the sweep of the changes used.
            var taxpayersNow = roll.Taxpayers.ToDictionary(t => t.TaxpayerId, StringComparer.Ordinal);
            var accountsNow = files.Skip(1).Prepend(next).SelectMany(f => f.Accounts).ToDictionary(a => (a.Exchange, a.AccountId));
            MatchCandidate? Now(MatchCandidate pair) => IdentityMatcher.Match(taxpayersNow[pair.TaxpayerId].Identity(), accountsNow[(pair.Exchange, pair.AccountId)].Identity(), weighedWith);
            var missed = newPairs.Count(c => Now(c) is not null);
            var kept = otherDecision.Count(c => Now(c)?.Decision != before[(c.TaxpayerId, c.Exchange, c.AccountId)].Decision);
            Line($"{name}: the same records swept in full (a check)", checkTime, 0, "", plainTime, $"{check.NewAuto + check.NewReview:N0} new or re-weighed: {newPairs.Length:N0} pairs the sweep of the changes had not found ({missed:N0} of them its own weights show: missed), {otherDecision.Length:N0} with another decision ({kept:N0} kept from an earlier sweep, which its own weights no longer give), the rest re-weighed; {check.NoLongerFound:N0} review items no longer found");
            measured.Add(new SweepStoreFigures(
                name,
                importRoll.TotalSeconds,
                rows / importRoll.TotalSeconds,
                importAccounts.TotalSeconds,
                accountRows / importAccounts.TotalSeconds,
                sweep.TotalSeconds,
                summary.CandidatesFound / sweep.TotalSeconds,
                total.TotalSeconds,
                (rows + accountRows) / total.TotalSeconds,
                quality)
            {
                SweepPhases = summary.Phases,
                SweepTickLateMaxMs = Math.Round(late.All, 1),
                SweepTickLateP99Ms = Math.Round(late.P99, 1),
                SweepTickLateMaxMsByPhase = [.. late.ByPhase.Select(ms => Math.Round(ms, 1))],
                IdleTickLateMaxMs = Math.Round(idleLate, 1),
                ReimportSeconds = reimportTime.TotalSeconds,
                ResweepSeconds = resweepTime.TotalSeconds,
                ResweepRecordsRevised = resweep.RecordsRevised,
                IncrementalPercentOfFullRun = incremental * 100,
                FullResweepSeconds = checkTime.TotalSeconds,
                FullResweepNewOrReweighed = check.NewAuto + check.NewReview,
                FullResweepNoLongerFound = check.NoLongerFound,
                FullResweepNewPairs = newPairs.Length,
                FullResweepOtherDecision = otherDecision.Length,
                FullResweepNewPairsMissed = missed,
                FullResweepOtherDecisionKept = kept,
            });
        }

        return new SweepFigures(rows, accountRows, plainTime.TotalSeconds, parseTime.TotalSeconds, memoryTime.TotalSeconds, matcherQuality, learningTime.TotalSeconds, weighingTime.TotalSeconds, weighedQuality, postgresJoin?.TotalSeconds, measured)
        {
            PairsComparedPerAccount = Math.Round((double)compared / accounts.Length, 2),
            PeakRssMb = System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024),
        };
    }

    /// <summary>The review queue and the true pairs not found, by their evidence, with its weight: where the matcher stands and why.</summary>
    private static void Explain(MatchCandidate[] candidates, HashSet<(string, string, string)> truth, MatchModel model, IEnumerable<TaxpayerIdentity> taxpayers, AccountIdentity[] accounts)
    {
        Console.WriteLine();
        Console.WriteLine("| review items | of them true | weight (bits) | evidence |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var group in candidates.Where(c => c.Decision == MatchDecision.Review).GroupBy(c => string.Join(' ', c.Reasons)).OrderByDescending(g => g.Count()))
        {
            Console.WriteLine($"| {group.Count():N0} | {group.Count(c => truth.Contains((c.TaxpayerId, c.Exchange, c.AccountId))):N0} | {MissedPairs.Range(group.Select(c => c.Weight!.Total))} | {group.Key} |");
        }

        var found = candidates.Select(c => (c.TaxpayerId, c.Exchange, c.AccountId)).ToHashSet();
        var byTaxpayer = taxpayers.ToDictionary(t => t.TaxpayerId);
        var byAccount = accounts.ToDictionary(a => (a.Exchange, a.AccountId));
        Console.WriteLine();
        MissedPairs.Print(truth.Where(p => !found.Contains(p)).Select(p => (byTaxpayer[p.Item1], byAccount[(p.Item2, p.Item3)])), model);
        Console.WriteLine();
        ReachingNameOnlyPairs(candidates, truth, model, byTaxpayer.Values, accounts);
    }

    /// <summary>
    /// What a recall of 99.5 % would cost on this population: an account with neither a birth date
    /// nor an RRN meets its owner on the phone alone, so where the phone is another only the name is
    /// left (where a side has no phone, nothing at all: such pairs are left out). Reaching such pairs means comparing every taxpayer with every such account of the same
    /// name and sending the likeliest to review, namesakes and all: counted here, name by name,
    /// likeliest first (all pairs of one name weigh the same; among names of one weight, those with
    /// the fewest such pairs first, as if every name's frequency were measured), until the recall is reached.
    /// </summary>
    private static void ReachingNameOnlyPairs(MatchCandidate[] candidates, HashSet<(string, string, string)> truth, MatchModel model, IEnumerable<TaxpayerIdentity> taxpayers, AccountIdentity[] accounts)
    {
        const double Target = 0.995;
        var found = candidates.Count(c => truth.Contains((c.TaxpayerId, c.Exchange, c.AccountId)));
        var autoTrue = candidates.Count(c => c.Decision == MatchDecision.Auto && truth.Contains((c.TaxpayerId, c.Exchange, c.AccountId)));
        var reviewed = candidates.Count(c => c.Decision == MatchDecision.Review);
        var taxpayersByName = taxpayers.ToLookup(t => NameFrequencies.KeyOf(t.Name), StringComparer.Ordinal);
        var shape = accounts.Where(a => a.Birth is null && a.RrnHash is null && taxpayersByName.Contains(NameFrequencies.KeyOf(a.Name)));
        var evidence = new MatchEvidence(Agreement.Missing, NameAgreement.Exact, Agreement.Missing, Agreement.Differs);
        var names = shape
            .GroupBy(a => NameFrequencies.KeyOf(a.Name), StringComparer.Ordinal)
            .Select(g =>
            {
                var (pairs, gained) = (0L, 0);
                foreach (var account in g)
                {
                    foreach (var taxpayer in taxpayersByName[g.Key].Where(t => t.Phone is not null && account.Phone is not null && t.Phone != account.Phone))
                    {
                        pairs++;
                        gained += truth.Contains((taxpayer.TaxpayerId, account.Exchange, account.AccountId)) ? 1 : 0;
                    }
                }

                return (Weight: model.TotalOf(evidence, g.Key), Pairs: pairs, Gained: gained);
            })
            .OrderByDescending(n => n.Weight)
            .ThenBy(n => n.Pairs)
            .ToArray();
        var (items, gainedSoFar, cut) = (0L, 0, double.NaN);
        foreach (var name in names)
        {
            if (found + gainedSoFar >= Target * truth.Count)
            {
                break;
            }

            (items, gainedSoFar, cut) = (items + name.Pairs, gainedSoFar + name.Gained, name.Weight);
        }

        var reached = found + gainedSoFar >= Target * truth.Count;
        Console.WriteLine($"Pairs that share only the name (an account with no birth date and no RRN, a phone that differs): {names.Sum(n => n.Pairs):N0} among {names.Length:N0} names, {names.Sum(n => n.Gained):N0} of them true, weighing {(names.Length > 0 ? $"{names[^1].Weight:0.0} … {names[0].Weight:0.0}" : "—")} bits.");
        Console.WriteLine(reached
            ? $"Reaching a recall of {Target:P1} from {found / (double)truth.Count:P2} would send the likeliest {items:N0} of them to review (down to {cut:0.0} bits) to find {gainedSoFar:N0} true pairs: {(reviewed + items) / (double)Math.Max(1, truth.Count - autoTrue):0.00} review items per true pair not automatic, against {reviewed / (double)Math.Max(1, truth.Count - autoTrue):0.00} now."
            : $"Even all of them in review would not reach a recall of {Target:P1}: {(found + gainedSoFar) / (double)truth.Count:P2}.");
        Console.WriteLine();
    }

    private static void SettleHeap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }

    private static MatchQuality Quality(IReadOnlyCollection<MatchCandidate> candidates, HashSet<(string, string, string)> truth)
    {
        var auto = candidates.Where(c => c.Decision == MatchDecision.Auto).ToArray();
        var wrongAuto = auto.Count(c => !truth.Contains((c.TaxpayerId, c.Exchange, c.AccountId)));
        var found = candidates.Count(c => truth.Contains((c.TaxpayerId, c.Exchange, c.AccountId)));
        var notAuto = truth.Count - (auto.Length - wrongAuto);
        return new MatchQuality(auto.Length, wrongAuto, candidates.Count - auto.Length, 100.0 * found / truth.Count, (candidates.Count - auto.Length) / (double)Math.Max(1, notAuto));
    }

    /// <summary>A sweep's phases as the tables show them: filing / learning / comparing / recording, in seconds.</summary>
    public static string Phases(SweepPhases? phases) =>
        phases is { } p ? $"{p.FilingSeconds:F1} / {p.LearningSeconds:F1} / {p.ComparingSeconds:F1} / {p.RecordingSeconds:F1}" : "—";

    private static void Line(string phase, TimeSpan time, double rate, string unit, TimeSpan baseline, string note) =>
        Console.WriteLine($"| {phase} | {time.TotalSeconds:0.0} s | {(rate > 0 ? $"{rate:N0} {unit}" : "")} | {time / baseline:0.00}× | {note} |");
}
