using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tracking.LoadTests.Api;
using Tracking.Silo.Hosting;
using Tracking.Silo.Scenarios;
using Tracking.TestingHost;
using static Tracking.LoadTests.Office.OfficeEndpoints;

namespace Tracking.LoadTests.Office;

/// <summary>
/// An office's month on one silo, through the case API, against the exchange simulator (its own
/// process) with latency and faults on: the generated population uploaded and swept; every
/// automatic match seized before day 1; officers reading lists, cases and taxpayers all month;
/// supervisors approving the sales the cases propose and, with officers, working the review queue
/// (approving the true owners, rejecting the others); taxpayers paying, some in full, some half,
/// some into suspense. The silo runs on a simulated clock, a day every few seconds. Every request
/// is timed, against the baseline of the same run: who am I (<c>GET /api/session</c>: HTTP, cookie
/// and JSON, no grain) asked by the officers under the same load; at the end every case is read back and checked: closed, its history complete, its
/// money conserved to the won; no exchange request carried out twice; every payment booked once.
/// </summary>
internal sealed class OfficeMonthBenchmark(string files, int taxpayers, int accountRows, string profiles, string prices, OfficeMonthOptions options)
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(9));
    private static readonly string[] s_statuses = Enum.GetNames<Domain.Seizures.SeizureStatus>();

    public async Task<OfficeMonthFigures> RunAsync(string store, StorageSettings storage, string picture, CancellationToken cancellationToken)
    {
        var clock = new SimulatedClock(s_start);
        await using var simulator = await ExchangeSimProcess.StartAsync("--accounts", files, "--prices", prices);
        using var simulatorHttp = new HttpClient();
        var exchanges = new ExchangeSimClient(simulatorHttp, simulator.Url);
        await using var app = ApiSilo.Build(storage, simulator, profiles, clock);
        await app.StartAsync(cancellationToken);
        var address = new Uri(SiloWebHost.Addresses(app).First());

        // The run's own bookkeeping (uploads, the payment schedule, the checks at the end) goes through a client whose requests are not counted.
        using var books = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer() }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(30) };
        (await books.PostAsJsonAsync("/api/session", new { name = "kim", password = "kim" }, cancellationToken)).EnsureSuccessStatusCode();
        if (await TotalAsync(books, "", cancellationToken) > 0)
        {
            throw new InvalidOperationException($"the {store} store already holds cases; the office's month starts from an empty one");
        }

        await ApiPopulation.UploadAndSweepAsync(books, files);
        foreach (var (exchange, _) in PopulationGenerator.Exchanges)
        {
            await exchanges.SetFaultsAsync(exchange, options.Faults, cancellationToken);
        }

        var truth = File.ReadLines(Path.Combine(files, "truth.csv")).Skip(1).ToHashSet(StringComparer.Ordinal);
        var log = new RequestLog();
        using var activity = new SiloActivity(() => log.Now);
        var desks = new List<OfficeDesk>();
        async Task<OfficeDesk> DeskAsync(string name)
        {
            var desk = await OfficeDesk.SignInAsync(address, name, log);
            desks.Add(desk);
            return desk;
        }

        var month = new OfficeMonth(clock, s_start);
        using var people = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var readers = new List<Task>();
        for (var i = 0; i < options.Officers; i++)
        {
            readers.Add(ReadAsync(await DeskAsync(i % 2 == 0 ? "kim" : "park"), new Random(i), people.Token));
        }

        // Opening every automatic match is a job in the silo, watched as an officer's console does.
        var opener = await DeskAsync("kim");
        var opening = await opener.PostAsync<object?>(OpenCases, "/api/cases", null, cancellationToken);
        while (opening?.GetProperty("running").GetBoolean() == true)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            opening = await opener.GetAsync(Opening, "/api/cases/opening", cancellationToken);
        }

        Console.Error.WriteLine($"opened {opening?.GetProperty("opened").GetInt32()} cases in {log.Now:F0} s; the month begins");

        // The clock starts once the cases are open: opening them all is the first morning's work, not a fortnight's.
        var ticking = month.RunAsync(options.DaySeconds, () => log.Now, people.Token);
        var payments = new PaymentDesk(await DeskAsync("park"), month, options.PaymentDesks, $"OFFICE-{Guid.NewGuid():N}"[..19]);
        var paying = payments.RunAsync(Schedule(await ApiPopulation.ListCasesAsync(books, cancellationToken)), people.Token);
        var sales = new SaleApprovalDesk(await DeskAsync("lee"), month);
        var approving = sales.RunAsync(people.Token);
        var reviewing = new ReviewDesk(await DeskAsync("park"), await DeskAsync("han"), truth, month, options.ReviewsPerDay).RunAsync(options.Days, people.Token);

        // The month, then the tail in which the cases still open may close.
        while (month.Day < options.Days + options.TailDays)
        {
            await Task.Delay(TimeSpan.FromSeconds(options.DaySeconds), cancellationToken);
            var (all, closed) = (await TotalAsync(books, "", cancellationToken), await TotalAsync(books, "&status=Closed", cancellationToken));
            Console.Error.WriteLine($"day {month.Day:F1}: {closed:N0} of {all:N0} closed, {log.Records.Count:N0} requests, {activity.Total(SiloActivity.Transitions):N0} transitions");
            if (month.Day >= options.Days && closed == all && reviewing.IsCompleted)
            {
                break;
            }
        }

        var realSeconds = log.Now;
        await people.CancelAsync();
        await Task.WhenAll([ticking, paying, approving, reviewing, .. readers]);
        await SettleAsync(exchanges, cancellationToken);
        desks.ForEach(d => d.Dispose());

        var check = await CheckAsync(books, exchanges, payments.Booked, cancellationToken);
        var callbacks = await exchanges.GetPendingAsync(cancellationToken);
        File.WriteAllText(picture, Picture(store, log, activity, month));
        var measured = log.Records.GroupBy(r => r.Endpoint).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Figures(g.Key, [.. g], realSeconds)).ToArray();
        var baseline = measured.Single(e => e.Endpoint == Session).P99Ms;
        var endpoints = measured.Select(e => e with { P99VsBaseline = e.P99Ms / baseline }).ToArray();
        Report(store, log, endpoints);
        await app.StopAsync(cancellationToken);
        return new OfficeMonthFigures(
            store,
            taxpayers,
            accountRows,
            options.Days,
            options.DaySeconds,
            realSeconds,
            check.Seizures,
            check.Closed,
            activity.Total(SiloActivity.Transitions),
            activity.Total(SiloActivity.Transitions) / realSeconds,
            activity.Total(SiloActivity.ExchangeSent) + activity.Total(SiloActivity.ExchangeFailed),
            activity.Total(SiloActivity.ExchangeFailed),
            callbacks.CallbacksTaken,
            callbacks.CallbacksRefused,
            sales.Refused,
            payments.Booked.Count,
            log.Records.Count,
            log.Records.Count(r => r.Outcome == RequestOutcome.Failed),
            log.Records.Count(r => r.Outcome == RequestOutcome.Refused),
            check.LostEvents,
            check.MoneyMismatches,
            check.CarriedOutTwice,
            check.PaymentsNotBookedOnce,
            endpoints);
    }

    /// <summary>An officer: who am I (the baseline), a page of the list (by state, by exchange or all), one to three of its cases in full, sometimes the taxpayer, a pause.</summary>
    private async Task ReadAsync(OfficeDesk desk, Random random, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var filter = random.Next(3) switch
                {
                    0 => "&status=" + s_statuses[random.Next(s_statuses.Length)],
                    1 => "&exchange=" + PopulationGenerator.Exchanges[random.Next(PopulationGenerator.Exchanges.Length)].Exchange,
                    _ => "",
                };
                await desk.GetAsync(Session, "/api/session", cancellationToken);
                var page = await desk.GetAsync(CasePage, "/api/cases?limit=50" + filter, cancellationToken);
                var items = page is { } p ? p.GetProperty("items").EnumerateArray().ToArray() : [];
                foreach (var item in items.OrderBy(_ => random.Next()).Take(random.Next(1, 4)))
                {
                    await desk.GetAsync(CaseInFull, "/api/cases/" + Uri.EscapeDataString(item.GetProperty("id").GetString()!), cancellationToken);
                    if (random.Next(2) == 0)
                    {
                        await desk.GetAsync(Taxpayer, "/api/taxpayers/" + item.GetProperty("taxpayerId").GetString(), cancellationToken);
                    }
                }

                await Task.Delay(options.OfficerPause, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Who pays when: of the taxpayers with a case, in order, one in four pays in full on a day in
    /// the first three weeks, one in four half in the first ten days; one payment in 25 names a
    /// taxpayer who is not on the roll and goes to suspense.
    /// </summary>
    private static IReadOnlyList<ScheduledPayment> Schedule(IReadOnlyList<JsonElement> cases)
    {
        var taxpayers = cases.Select(c => c.GetProperty("taxpayerId").GetString()!).Distinct().Order(StringComparer.Ordinal).ToArray();
        var payments = new List<ScheduledPayment>();
        for (var i = 0; i < taxpayers.Length; i++)
        {
            if (i % 4 is 1 or 3)
            {
                payments.Add(new ScheduledPayment(taxpayers[i], i % 4 == 1 ? 1.0 : 0.5, i % 4 == 1 ? 1 + i * 7 % 20 : 1 + i * 3 % 10));
            }

            if (i % 100 == 0)
            {
                payments.Add(new ScheduledPayment($"T9{i:D7}", 0, 1 + i % 20));
            }
        }

        return [.. payments.OrderBy(p => p.Day)];
    }

    private static async Task<long> TotalAsync(HttpClient books, string filter, CancellationToken cancellationToken) =>
        (await books.GetFromJsonAsync<JsonElement>("/api/cases?limit=1" + filter, cancellationToken)).GetProperty("total").GetInt64();

    /// <summary>Waits until the exchanges have nothing in progress and no callback in flight.</summary>
    private static async Task SettleAsync(ExchangeSimClient exchanges, CancellationToken cancellationToken)
    {
        while (await exchanges.GetPendingAsync(cancellationToken) is { Processing: > 0 } or { Callbacks: > 0 })
        {
            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>
    /// Every case read back in full: closed; its history as long as its version (no event lost);
    /// its money conserved (collected = applied + refunded + returned + held, nothing held once
    /// closed); each request the exchanges saw carried out at most once; each payment answered as
    /// booked found once in its taxpayer's ledger.
    /// </summary>
    private static async Task<OfficeMonthCheck> CheckAsync(HttpClient books, ExchangeSimClient exchanges, IReadOnlyCollection<BookedPayment> booked, CancellationToken cancellationToken)
    {
        var cases = await ApiPopulation.ListCasesAsync(books, cancellationToken);
        var (lost, money, closed) = (0, 0, 0);
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (row, ct) =>
        {
            var detail = await books.GetFromJsonAsync<JsonElement>("/api/cases/" + Uri.EscapeDataString(row.GetProperty("id").GetString()!), ct);
            var seizure = detail.GetProperty("seizure");
            var status = seizure.GetProperty("status").GetString();
            // Each write's events carry its version: every version from the first to the seizure's own, none missing, in order.
            var versions = detail.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("version").GetInt64()).Distinct().ToArray();
            if (!versions.SequenceEqual(Enumerable.Range(1, (int)seizure.GetProperty("version").GetInt64()).Select(v => (long)v)) || status != row.GetProperty("status").GetString())
            {
                Interlocked.Increment(ref lost);
                Console.Error.WriteLine($"case {row.GetProperty("id")}: versions [{string.Join(",", versions)}] for version {seizure.GetProperty("version")}, listed {row.GetProperty("status")}, is {status}");
            }

            long Won(string name) => seizure.GetProperty(name).GetInt64();
            var isClosed = status == nameof(Domain.Seizures.SeizureStatus.Closed);
            if (Won("collected") != Won("applied") + Won("refunded") + Won("returnedToHolder") + Won("held") || isClosed && Won("held") != 0)
            {
                Interlocked.Increment(ref money);
                Console.Error.WriteLine($"case {row.GetProperty("id")}: collected {Won("collected")}, applied {Won("applied")}, refunded {Won("refunded")}, returned {Won("returnedToHolder")}, held {Won("held")}");
            }

            if (isClosed)
            {
                Interlocked.Increment(ref closed);
            }
            else
            {
                Console.Error.WriteLine($"case {row.GetProperty("id")}: not closed but {status}, next deadline {seizure.GetProperty("nextDeadline")}");
            }
        });

        var twice = 0;
        foreach (var (exchange, _) in PopulationGenerator.Exchanges)
        {
            foreach (var request in (await exchanges.GetRequestsAsync(exchange, cancellationToken)).Where(r => r.Executions > 1))
            {
                twice++;
                Console.Error.WriteLine($"{exchange}: request {request.RequestId} ({request.Operation}) carried out {request.Executions} times");
            }
        }

        var notOnce = 0;
        await Parallel.ForEachAsync(booked, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (payment, ct) =>
        {
            var history = await books.GetFromJsonAsync<JsonElement>($"/api/taxpayers/{payment.TaxpayerId}/history", ct);
            var found = history.EnumerateArray().Count(e => e.GetProperty("event") is var ev && ev.TryGetProperty("reference", out var reference) && reference.GetString() == payment.Reference && ev.TryGetProperty("allocations", out _) && ev.TryGetProperty("source", out _));
            if (found != 1)
            {
                Interlocked.Increment(ref notOnce);
                Console.Error.WriteLine($"payment {payment.Reference} of {payment.TaxpayerId}: booked {found} times");
            }
        });

        return new OfficeMonthCheck(cases.Count, closed, lost, money, twice, notOnce);
    }

    private static EndpointFigures Figures(string endpoint, RequestRecord[] records, double seconds)
    {
        var sorted = records.Select(r => r.Ms).Order().ToArray();
        return new EndpointFigures(
            endpoint,
            records.Length,
            records.Length / seconds,
            Latencies.Percentile(sorted, 0.50),
            Latencies.Percentile(sorted, 0.99),
            sorted[^1],
            records.Count(r => r.Outcome == RequestOutcome.Refused),
            records.Count(r => r.Outcome == RequestOutcome.Failed));
    }

    private static void Report(string store, RequestLog log, IReadOnlyList<EndpointFigures> endpoints)
    {
        Console.WriteLine();
        Console.WriteLine("| store | endpoint | requests | per s | p50 ms | p99 ms | max ms | p99 vs. baseline | refused (4xx) | failed |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var e in endpoints)
        {
            Console.WriteLine($"| {store} | `{e.Endpoint}`{(e.Endpoint == Session ? " (baseline)" : "")} | {e.Requests:N0} | {e.PerS:N1} | {e.P50Ms:F1} | {e.P99Ms:F1} | {e.MaxMs:N0} | {e.P99VsBaseline:F1}× | {e.Refused:N0} | {e.Failed:N0} |");
            foreach (var outcome in new[] { RequestOutcome.Refused, RequestOutcome.Failed })
            {
                foreach (var reason in log.Reasons(e.Endpoint, outcome))
                {
                    Console.Error.WriteLine($"  {e.Endpoint} {outcome.ToString().ToLowerInvariant()}: {reason}");
                }
            }
        }
    }

    /// <summary>
    /// Three panels over the run: the seizures' transitions per second; each endpoint's requests
    /// per second; each endpoint's p99 per five-second interval.
    /// </summary>
    private static string Picture(string store, RequestLog log, SiloActivity activity, OfficeMonth month)
    {
        const double Interval = 5;
        var intervals = (int)Math.Ceiling(log.Now / Interval);
        var byEndpoint = log.Records.GroupBy(r => r.Endpoint).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, Buckets: g.ToLookup(r => (int)(r.AtSeconds / Interval)))).ToArray();
        var transitions = new OfficeMonthChart.Series(SiloActivity.Transitions, [.. Enumerable.Range(0, intervals).Select(i => Enumerable.Range((int)(i * Interval), (int)Interval).Sum(s => activity.At(SiloActivity.Transitions, s)) / Interval)]);
        var rates = byEndpoint.Select(e => new OfficeMonthChart.Series(e.Key, [.. Enumerable.Range(0, intervals).Select(i => e.Buckets[i].Count() / Interval)])).ToArray();

        // An endpoint called once or twice (opening every case) is in the table; as a line it would be a dot that sets the scale.
        var p99s = byEndpoint
            .Where(e => e.Buckets.Sum(b => b.Count()) >= 10)
            .Select(e => new OfficeMonthChart.Series(e.Key, [.. Enumerable.Range(0, intervals).Select(i => e.Buckets[i].Select(r => r.Ms).Order().ToArray() is { Length: > 0 } sorted ? Latencies.Percentile(sorted, 0.99) : double.NaN)]))
            .ToArray();
        return OfficeMonthChart.Render(
            $"An office's month on one silo ({store}); the cases are opened before day 1",
            Interval,
            [new("seizure transitions per second", [transitions]), new("requests per second", rates), new("p99 ms (log)", p99s, Logarithmic: true)],
            month.DayStarts);
    }
}
