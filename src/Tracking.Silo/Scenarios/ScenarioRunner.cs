using Tracking.Domain.Seizures;
using Tracking.ExchangeApi.Simulator;
using Tracking.Grains.Imports;
using Tracking.Grains.Seizures;
using Tracking.Grains.Sweeps;
using Tracking.Grains.Taxpayers;
using Tracking.Ingest.Accounts;
using Tracking.Ingest.Prices;
using Tracking.Ingest.Roll;
using Microsoft.Extensions.Time.Testing;
using Tracking.Grains;
using Tracking.Silo.Telemetry;
using Tracking.Domain;

namespace Tracking.Silo.Scenarios;

/// <summary>What a scenario runs on: the sample files, how long and in what steps, and how the exchanges behave.</summary>
public sealed record ScenarioSettings(string SamplesDirectory, IReadOnlyDictionary<string, ExchangeProfile> Profiles, byte[] RrnKey)
{
    public TimeSpan Duration { get; init; } = TimeSpan.FromDays(45);

    public TimeSpan Step { get; init; } = TimeSpan.FromHours(6);

    public string Supervisor { get; init; } = "supervisor:scenario";

    /// <summary>
    /// The exchanges' misbehaviour: some errors, lost, repeated and late callbacks, which change
    /// when things happen but not how they end; no slippage, so that every run ends alike.
    /// </summary>
    public FaultOptions Faults { get; init; } = new() { ErrorRate = 0.05, DuplicateCallbackRate = 0.2, DropCallbackRate = 0.05, MaxCallbackDelayMs = 50, MaxSlippage = 0 };
}

/// <summary>
/// The whole flow on a simulated clock: import the samples, sweep, seize every automatic match,
/// let some taxpayers pay (a quarter in full on day 2, a quarter half on day 1), approve every
/// proposed sale, until every case is closed. Every step is idempotent, so a run that was killed
/// continues where it stopped when started again on the same store and clock.
/// </summary>
public sealed class ScenarioRunner(TrackingContext tracking, FakeTimeProvider clock, ExchangeSimClient exchanges, GrainCallMonitor calls)
{
    public async Task<ScenarioReport> RunAsync(ScenarioSettings settings, DateTimeOffset startedAt, Func<DateTimeOffset, Task> stepDone, IProgress<string> log, CancellationToken cancellationToken)
    {
        var roll = RollReader.Read(Path.Combine(settings.SamplesDirectory, "taxpayers.csv"), Path.Combine(settings.SamplesDirectory, "tax_items.csv"), settings.RrnKey);
        var importer = tracking.Importer();
        await importer.ImportRollAsync(roll, null, cancellationToken);
        var files = settings.Profiles
            .Select(p => (Profile: p.Value, File: Directory.EnumerateFiles(settings.SamplesDirectory, p.Key + ".*").FirstOrDefault()))
            .Where(p => p.File is not null)
            .Select(p => AccountFileReader.Read(p.File!, p.Profile, settings.RrnKey))
            .ToArray();
        foreach (var file in files)
        {
            await importer.ImportAccountsAsync(file, null, cancellationToken);
        }

        var firstRun = (await tracking.States.ListKeysAsync(SeizureGrain.TypeName, null, 1, cancellationToken)).Count == 0;
        if (firstRun)
        {
            // The exchanges' books start as their files say; on a resumed run they are as the run left them.
            foreach (var file in files)
            {
                await exchanges.PutAccountsAsync(file.Exchange, [.. file.Accounts.Select(a => new SimAccountLoad(a.AccountId, [.. a.Holdings.Select(h => new SimHolding(h.Asset, h.Total, h.Locked))], Closed: false))], cancellationToken);
                await exchanges.SetFaultsAsync(file.Exchange, settings.Faults, cancellationToken);
            }

            await exchanges.SetPricesAsync(PriceFileReader.Read(Path.Combine(settings.SamplesDirectory, "prices.csv")).Prices, cancellationToken);
        }

        var sweep = await tracking.Grains.GetGrain<ISweepGrain>(ISweepGrain.Main).RunAsync(settings.Supervisor, cancellationToken: cancellationToken);
        log.Report($"sweep: {sweep.CandidatesFound} candidates, {sweep.NewAuto} new automatic");
        var seized = await new SeizureOpener(tracking.Grains).OpenForAutoMatchesAsync("officer:scenario", cancellationToken);
        log.Report($"seize: {seized.Opened} opened, {seized.AlreadyOpen} already open, {seized.Refused.Count} refused");

        var payments = new Queue<ScenarioPayment>(Payments(roll, await CaseCatalog.ListAsync(tracking.Grains, tracking.States, cancellationToken), startedAt).OrderBy(p => p.Due));
        var driver = new LifecycleDriver(tracking, clock, exchanges, calls);
        await driver.SettleAsync(cancellationToken);
        while (clock.GetUtcNow() - startedAt < settings.Duration)
        {
            var cases = await CaseCatalog.ListAsync(tracking.Grains, tracking.States, cancellationToken);
            log.Report($"{KoreaTime.Minutes(clock.GetUtcNow())}: {cases.Count(c => c.Status == SeizureStatus.Closed)} of {cases.Count} closed");
            if (cases.All(c => c.Status == SeizureStatus.Closed))
            {
                break;
            }

            clock.Advance(settings.Step);

            // Each payment once per run; a run resumed after a kill may pay again, which the ledger ignores.
            while (payments.TryPeek(out var payment) && payment.Due <= clock.GetUtcNow())
            {
                await tracking.Grains.GetGrain<ITaxpayerGrain>(payment.TaxpayerId).ReceivePaymentAsync(payment.Reference, payment.Amount, "scenario: voluntary", cancellationToken);
                payments.Dequeue();
            }

            await driver.SettleAsync(cancellationToken);
            await driver.ApproveSalesAsync(settings.Supervisor, cancellationToken);
            await stepDone(clock.GetUtcNow());
        }

        return ScenarioReport.Of(startedAt, clock.GetUtcNow(), await CaseCatalog.ListAsync(tracking.Grains, tracking.States, cancellationToken));
    }

    /// <summary>The same payments on every run: amounts from the roll, not from balances that depend on how far a run got.</summary>
    private static IReadOnlyList<ScenarioPayment> Payments(RollFile roll, IReadOnlyList<SeizureView> cases, DateTimeOffset start)
    {
        var seized = cases.Select(c => c.TaxpayerId).Distinct().Order(StringComparer.Ordinal).ToArray();
        var payments = new List<ScenarioPayment>();
        for (var i = 0; i < seized.Length; i++)
        {
            var owed = (roll.TaxItems.GetValueOrDefault(seized[i]) ?? []).Sum(t => t.Total);
            switch (i % 4)
            {
                case 1:
                    payments.Add(new ScenarioPayment(seized[i], $"SCENARIO-FULL-{seized[i]}", owed, start + TimeSpan.FromDays(2)));
                    break;
                case 3:
                    payments.Add(new ScenarioPayment(seized[i], $"SCENARIO-HALF-{seized[i]}", owed / 2, start + TimeSpan.FromDays(1)));
                    break;
            }
        }

        return payments;
    }

    private sealed record ScenarioPayment(string TaxpayerId, string Reference, long Amount, DateTimeOffset Due);
}
