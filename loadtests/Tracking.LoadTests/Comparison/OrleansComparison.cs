using System.Globalization;

namespace Tracking.LoadTests.Comparison;

/// <summary>
/// The before/after table of the move onto Orleans (issue 14): the own runtime's figures and
/// Orleans', each also against a baseline measured in the same run on the same machine, so that
/// the ratios say more than the absolute figures of a loaded machine. <see cref="Parameters"/> are
/// the sizes and durations both sides ran with.
/// </summary>
internal sealed record OrleansComparison(IReadOnlyDictionary<string, double> Parameters, IReadOnlyList<ComparisonRow> Rows)
{
    public static OrleansComparison Build(IReadOnlyDictionary<string, double> parameters, BenchmarkRun before, BenchmarkRun after)
    {
        var rows = new List<ComparisonRow>();
        void Add(string what, string unit, Func<BenchmarkRun, double?> value, Func<BenchmarkRun, double?>? baseline = null)
        {
            rows.Add(new ComparisonRow(what, unit, value(before), Ratio(before), value(after), Ratio(after)));
            double? Ratio(BenchmarkRun run) => baseline?.Invoke(run) is > 0 and var b && value(run) is { } v ? v / b : null;
        }

        Func<BenchmarkRun, double?> plain = r => r.GrainCalls?.Plain.Ns;
        Add("plain interface call (baseline of the call rows)", "ns", plain, plain);
        Add("grain call in a silo, awaited, from outside any grain", "ns", r => r.GrainCalls?.InSilo.Ns, plain);
        Add("the same, traced and measured by the OpenTelemetry SDK", "ns", r => r.GrainCalls?.Traced.Ns, plain);
        Add("grain calls, one worker per core × 1,000 grains, per call per core", "ns", r => r.GrainCalls?.ParallelNsPerCallPerCore, plain);
        Add("grain → grain, same silo, awaited", "ns", r => r.GrainCalls?.GrainToGrainNs, plain);
        Add("client → silo, awaited, one caller", "ns", r => r.GrainCalls?.ClientToSiloNs, plain);
        Add("grain → grain across silos (silo → silo), awaited", "ns", r => r.GrainCalls?.SiloToSiloNs, plain);

        Func<BenchmarkRun, double?> local = r => r.Cluster?.LocalRead.PerSecond;
        Add("read of an active grain in a silo, many callers (baseline of the read rows)", "reads/s", local, local);
        foreach (var silos in Measured(r => r.Cluster?.Sizes.Select(s => s.Silos)))
        {
            Add($"the same read from a client process (client → silo), {silos} silo process(es)", "reads/s", r => r.Cluster?.Sizes.FirstOrDefault(s => s.Silos == silos)?.Hop.PerSecond, local);
        }

        foreach (var store in Measured(r => r.DurableWrites?.Stores.Select(s => s.Store)))
        {
            Func<BenchmarkRun, StoreWriteFigures?> of = r => r.DurableWrites?.Stores.FirstOrDefault(s => s.Store == store);
            Func<BenchmarkRun, double?> baseline = r => of(r)?.Baseline.PerSecond;
            Add($"{store}: durable writes, one transaction per write (baseline)", "writes/s", baseline, baseline);
            Add($"{store}: durable grain writes, our store with group commit", "writes/s", r => of(r)?.GroupCommit.PerSecond, baseline);
            Add($"{store}: durable grain writes, Orleans' ADO.NET grain storage", "writes/s", r => of(r)?.OrleansAdoNet?.PerSecond, baseline);
        }

        foreach (var store in Measured(r => r.Lifecycle?.Stores.Select(s => s.Store)))
        {
            Func<BenchmarkRun, Lifecycle.StoreLifecycleFigures?> of = r => r.Lifecycle?.Stores.FirstOrDefault(s => s.Store == store);
            Func<BenchmarkRun, double?> baseline = r => of(r)?.Baseline.PerSecond;
            Add($"{store}: lifecycle baseline, one durable taxpayer write per call", "writes/s", baseline, baseline);
            Add($"{store}: seizure transitions, open → effect → remitted → released", "transitions/s", r => of(r)?.Open.PerSecond, baseline);
            Add($"{store}: the same, p99 per transition", "ms", r => of(r)?.Open.P99Ms);
            Add($"{store}: seizure transitions, distribution and close by reminder", "transitions/s", r => of(r)?.DistributionPerSecond, baseline);
            Add($"{store}: seizures closed", "seizures", r => of(r)?.Closed);
        }

        Func<BenchmarkRun, double?> join = r => r.Sweep?.PlainJoinSeconds;
        Add("sweep: plain exact-key hash join in memory (baseline of the sweep rows)", "s", join, join);
        Add("sweep: matcher alone in memory", "s", r => r.Sweep?.MatcherSeconds, join);
        foreach (var store in Measured(r => r.Sweep?.Stores.Select(s => s.Store)))
        {
            Func<BenchmarkRun, Sweep.SweepStoreFigures?> of = r => r.Sweep?.Stores.FirstOrDefault(s => s.Store == store);
            Add($"sweep, {store}: import the roll into grains", "s", r => of(r)?.ImportRollSeconds, join);
            Add($"sweep, {store}: import the account files into grains", "s", r => of(r)?.ImportAccountsSeconds, join);
            Add($"sweep, {store}: match phase, candidates recorded", "s", r => of(r)?.SweepSeconds, join);
            Add($"sweep, {store}: end to end, files to recorded candidates", "s", r => of(r)?.EndToEndSeconds, join);
        }

        Func<BenchmarkRun, Cluster.ClusterSizeFigures?> first = r => r.Cluster?.Sizes.FirstOrDefault();
        foreach (var silos in Measured(r => r.Cluster?.Sizes.Select(s => s.Silos)))
        {
            Func<BenchmarkRun, Cluster.ClusterSizeFigures?> of = r => r.Cluster?.Sizes.FirstOrDefault(s => s.Silos == silos);
            Add($"cluster of {silos} silo process(es): import account files (against the first size)", "rows/s", r => of(r)?.AccountRowsPerSecond, r => first(r)?.AccountRowsPerSecond);
            Add($"cluster of {silos} silo process(es): sweep, call-heavy (against the first size)", "candidates/s", r => of(r)?.CandidatesPerSecond, r => first(r)?.CandidatesPerSecond);
            Add($"cluster of {silos} silo process(es): seizure lifecycle with the simulator (against the first size)", "transitions/s", r => of(r)?.TransitionsPerSecond, r => first(r)?.TransitionsPerSecond);
        }

        return new OrleansComparison(parameters, rows);

        // What either side measured, in the order the sides list it.
        IEnumerable<T> Measured<T>(Func<BenchmarkRun, IEnumerable<T>?> of) => (of(before) ?? []).Concat(of(after) ?? []).Distinct();
    }

    public void WriteMarkdown(TextWriter output)
    {
        output.WriteLine("| what | unit | before: own runtime | × its baseline | after: Orleans | × its baseline | after ÷ before |");
        output.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var row in Rows)
        {
            output.WriteLine($"| {row.What} | {row.Unit} | {Figure(row.Before)} | {Ratio(row.BeforeVsBaseline)} | {Figure(row.After)} | {Ratio(row.AfterVsBaseline)} | {Ratio(row.AfterOverBefore)} |");
        }
    }

    private static string Figure(double? value) => value switch
    {
        null or double.NaN => "–",
        >= 100 => value.Value.ToString("N0", CultureInfo.InvariantCulture),
        _ => value.Value.ToString("0.##", CultureInfo.InvariantCulture),
    };

    private static string Ratio(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "";
}
