using System.Globalization;
using System.Text.RegularExpressions;
using Tracking.LoadTests.Cluster;
using Tracking.LoadTests.Lifecycle;
using Tracking.LoadTests.Sweep;

namespace Tracking.LoadTests.Comparison;

/// <summary>
/// The benchmark outputs of the own runtime (commit f3e6528's load tests, before the move onto
/// Orleans), which print markdown tables only (<c>NAME.md</c>): their rows, found by their labels,
/// read into the figures this program's benchmarks report. What the own runtime did not measure stays null.
/// </summary>
internal static partial class OwnRuntimeOutput
{
    public static BenchmarkRun Read(string directory) => new(
        Parse(directory, "grain-calls", GrainCalls),
        Parse(directory, "durable-writes", DurableWrites),
        Parse(directory, "lifecycle", Lifecycle),
        Parse(directory, "sweep", Sweep),
        Parse(directory, "cluster", Cluster));

    private static T? Parse<T>(string directory, string name, Func<Table, T> parse)
        where T : class
    {
        var path = Path.Combine(directory, name + ".md");
        return File.Exists(path) ? parse(new Table(File.ReadAllLines(path))) : null;
    }

    private static GrainCallFigures GrainCalls(Table table)
    {
        CallCost Cost(string label)
        {
            var row = table.Row(label);
            return new CallCost(Number(row[1]), Number(row[2]));
        }

        var parallel = table.Row("grain calls, ");
        return new GrainCallFigures(
            Cost("plain interface call"),
            Cost("grain call, one caller, awaited"),
            Cost("the same, measured"),
            Cost("the same, traced"),
            Cost("the same, one trace in 100"),
            (int)Number(parallel[0]["grain calls, ".Length..]),
            Number(parallel[1]),
            Numbers(parallel[1])[1],
            GrainToGrainNs: null,
            ClientToSiloNs: null,
            SiloToSiloNs: null);
    }

    private static DurableWriteFigures DurableWrites(Table table)
    {
        var stores = table.Rows.Where(r => r.Length == 6 && r[1].StartsWith("one transaction per write", StringComparison.Ordinal)).Select(r => r[0]).ToArray();
        // The sizes are not in the own runtime's output; a comparison runs both sides with the same.
        return new DurableWriteFigures(0, 0, 0, [.. stores.Select(store => new StoreWriteFigures(
            store,
            Rates(table.Row(store, "one transaction per write"), 2),
            Rates(table.Row(store, "grain writes, group commit"), 2),
            OrleansAdoNet: null))]);
    }

    private static LifecycleFigures Lifecycle(Table table)
    {
        var stores = table.Rows.Where(r => r.Length == 6 && r[1].StartsWith("baseline:", StringComparison.Ordinal)).Select(r => r[0]).ToArray();
        var figures = stores.Select(store =>
        {
            var distribution = table.Row(store, "distribution and close");
            return new StoreLifecycleFigures(
                store,
                Rates(table.Row(store, "baseline:"), 2),
                Rates(table.Row(store, "open → "), 2),
                (long)Number(distribution[1][distribution[1].IndexOf('(')..]),
                Number(distribution[2]),
                (int)Number(table.Row(store, "seizures closed")[2]),
                MoneyMismatches: null);
        }).ToArray();
        var closed = table.Row(stores[0], "seizures closed")[2];
        return new LifecycleFigures((int)Numbers(closed)[1], Concurrency: 0, figures);
    }

    private static SweepFigures Sweep(Table table)
    {
        var data = Numbers(table.Line("Data:"));
        var postgresJoin = table.Rows.FirstOrDefault(r => r[0].StartsWith("PostgreSQL: SQL join", StringComparison.Ordinal));
        var stores = table.Rows.Where(r => r[0].EndsWith(": end to end, files to recorded candidates", StringComparison.Ordinal)).Select(r => r[0][..r[0].IndexOf(':')]).ToArray();
        return new SweepFigures(
            (long)data[0],
            (long)data[1],
            Number(table.Row("plain exact-key hash join")[1]),
            Number(table.Row("parse roll")[1]),
            Number(table.Row("matcher alone in memory")[1]),
            Quality(table.Row("matcher alone in memory")[4]),
            null,
            null,
            null,
            postgresJoin is null ? null : Number(postgresJoin[1]),
            [.. stores.Select(store =>
            {
                var (roll, accounts, sweep, total) = (table.Row(store + ": import roll"), table.Row(store + ": import accounts"), table.Row(store + ": sweep"), table.Row(store + ": end to end"));
                return new SweepStoreFigures(store, Number(roll[1]), Number(roll[2]), Number(accounts[1]), Number(accounts[2]), Number(sweep[1]), Number(sweep[2]), Number(total[1]), Number(total[2]), Quality(sweep[4]));
            })]);

        static MatchQuality Quality(string note)
        {
            var n = Numbers(note);
            return new MatchQuality((int)n[0], (int)n[1], (int)n[2], n[3]);
        }
    }

    private static ClusterFigures Cluster(Table table)
    {
        var data = Numbers(table.Line("Data:"));
        var local = table.Row("read of an active grain inside the silo");
        var sizes = table.Rows.Where(r => r.Length == 7 && int.TryParse(r[0], CultureInfo.InvariantCulture, out _)).Select(r =>
        {
            var silos = int.Parse(r[0], CultureInfo.InvariantCulture);
            var hop = table.Row($"same read from a client process, one hop over HTTP/2, {silos} silo");
            var (sweep, lifecycle, latency) = (Numbers(r[3]), Numbers(r[4]), Numbers(r[5]));
            return new ClusterSizeFigures(
                silos,
                Rates(hop, 1),
                Number(r[1]),
                Number(r[2]),
                sweep[0],
                (int)sweep[1],
                sweep[2],
                // Only the open calls' latencies are in the own runtime's table, not their rate.
                new Throughput(double.NaN, latency[0], latency[1]),
                lifecycle[0],
                (long)lifecycle[1],
                (long)lifecycle[3],
                lifecycle[2]);
        }).ToArray();
        return new ClusterFigures((int)data[0], (int)data[1], (int)data[2], (int)data[3], Rates(local, 1), sizes);
    }

    /// <summary>A rate and its p50 and p99 latencies, in three cells of a row from <paramref name="first"/> on.</summary>
    private static Throughput Rates(string[] row, int first) => new(Number(row[first]), Number(row[first + 1]), Number(row[first + 2]));

    private static double Number(string cell) => Numbers(cell)[0];

    /// <summary>Every number in a cell, in order ("1,497 (11,114 in 7.4 s)" → 1497, 11114, 7.4), as the invariant culture writes them.</summary>
    private static double[] Numbers(string cell) =>
        [.. NumberPattern().Matches(cell).Select(m => double.Parse(m.Value, NumberStyles.AllowThousands | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"\d[\d,]*(\.\d+)?")]
    private static partial Regex NumberPattern();

    /// <summary>An output's lines, and the cells of its table rows.</summary>
    private sealed class Table(string[] lines)
    {
        public IReadOnlyList<string[]> Rows { get; } = [.. lines
            .Where(l => l.StartsWith('|') && !l.StartsWith("|---", StringComparison.Ordinal))
            .Select(l => l.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray())];

        public string Line(string start) => lines.FirstOrDefault(l => l.StartsWith(start, StringComparison.Ordinal)) ?? throw Missing(start);

        /// <summary>The row whose first cell starts with <paramref name="label"/>.</summary>
        public string[] Row(string label) => Rows.FirstOrDefault(r => r[0].StartsWith(label, StringComparison.Ordinal)) ?? throw Missing(label);

        /// <summary>The row of <paramref name="store"/> whose second cell starts with <paramref name="label"/>.</summary>
        public string[] Row(string store, string label) =>
            Rows.FirstOrDefault(r => r.Length > 1 && r[0] == store && r[1].StartsWith(label, StringComparison.Ordinal)) ?? throw Missing($"{store} | {label}");

        private static InvalidDataException Missing(string what) => new($"the own runtime's output has no row or line '{what}'");
    }
}
