using Tracking.Domain.Accounts;
using Tracking.Domain.Seizures;

namespace Tracking.Domain.Tests.Seizures;

/// <summary>
/// Drives thousands of seizures through random but lawful-looking histories (answers repeated,
/// payments arriving at any moment, prices moving, cancellations before and after money came,
/// closed accounts) and checks
/// after every step what must always hold.
/// </summary>
public sealed class SeizureLifecycleExplorationTests
{
    [Fact]
    public void Every_history_conserves_money_keeps_one_request_in_flight_and_ends_closed()
    {
        var corrected = 0;
        for (var seed = 0; seed < 3_000; seed++)
        {
            corrected += Explore(new Random(seed), seed) ? 1 : 0;
        }

        // The histories reach the correction path: cancellations after money came.
        Assert.InRange(corrected, 10, 3_000);
    }

    /// <summary>Runs one history to its close; true when it gave back money collected.</summary>
    private static bool Explore(Random random, int seed)
    {
        var run = new SeizureRun(random.Next(1, 40) * 1_000_000L).Opened();
        var holdings = new[] { "KRW", "BTC", "ETH", "XRP" }
            .Where(_ => random.Next(3) > 0)
            .Select(asset => new Holding(asset, asset == "KRW" ? random.Next(0, 5_000_000) : Math.Round((decimal)random.NextDouble() * 2, 8), 0))
            .ToArray();
        ExchangeReply? lastReply = null;
        var notice = true;
        for (var step = 0; step < 400 && !run.State.IsClosed; step++)
        {
            var debtBefore = run.DebtToCover;
            var historyBefore = run.History.Count;
            switch (random.Next(10))
            {
                case < 4 when run.State.Pending.Count == 1:
                    var request = run.Pending;
                    lastReply = notice && random.Next(20) == 0
                        ? new ExchangeReply.AccountUnavailable(request.RequestId, "closed")
                        : Answer(run, request, holdings, random);
                    notice = false;
                    Assert.False(run.Do(new SeizureCommand.RecordReply(lastReply)).IsRejected, $"seed {seed}");
                    break;
                case 4 when lastReply is not null:
                    Assert.Empty(run.Do(new SeizureCommand.RecordReply(lastReply)).Events);
                    break;
                case 5:
                    run.Outstanding = Math.Max(0, run.Outstanding - random.Next(0, 3) * 5_000_000L);
                    run.Do(new SeizureCommand.Review());
                    break;
                case 6:
                    run.Prices = run.Prices.ToDictionary(p => p.Key, p => Math.Round(p.Value * (decimal)(0.7 + random.NextDouble() * 0.6)));
                    break;
                case 7 when random.Next(10) == 0:
                    run.Do(new SeizureCommand.RequestCancellation("wrong person"), "officer:park");
                    run.Do(new SeizureCommand.ApproveCancellation(), "supervisor:lee");
                    break;
                case 8:
                    run.Do(new SeizureCommand.ApproveSale(), "supervisor:lee");
                    break;
                default:
                    run.Pass(TimeSpan.FromHours(random.Next(1, 72)));
                    break;
            }

            var state = run.State;
            Assert.True(state.Pending.Count <= 1, $"seed {seed}: more than one request in flight");
            Assert.Equal(state.Collected, state.Applied + state.Refunded + state.Held);
            var answered = run.History.Select(AnswerTo).OfType<string>().ToArray();
            Assert.Equal(answered.Length, answered.Distinct().Count());
            Assert.True(
                state.IsClosed || state.Pending.Count > 0 || state.NextDeadline is not null || state.Status == SeizureStatus.AwaitingSaleApproval || state.CancellationRequest is not null || !state.Opened,
                $"seed {seed}: {state.Status} waits for nothing that will come");
            foreach (var issued in run.History.Skip(historyBefore).OfType<ExchangeRequestIssued>())
            {
                Assert.True(issued.Request.Amount <= debtBefore, $"seed {seed}: remitting {issued.Request.Amount} for a debt of {debtBefore}");
            }
        }

        // Whatever is still open finishes once the exchange answers and time passes.
        for (var step = 0; step < 50 && !run.State.IsClosed; step++)
        {
            if (run.State.Pending.Count == 1)
            {
                run.Do(new SeizureCommand.RecordReply(Answer(run, run.Pending, holdings, random)));
            }
            else
            {
                run.Do(new SeizureCommand.ApproveSale(), "supervisor:lee");
                run.Do(new SeizureCommand.ApproveCancellation(), "supervisor:lee");
                run.Pass(TimeSpan.FromDays(3));
            }
        }

        // Every step the system words says why in Korean too; what people typed stands as typed.
        Assert.All(run.History.Where(e => e is not CancellationRequested), e => Assert.Matches(@"\p{IsHangulSyllables}", e.KoreanReason));

        var closed = run.State;
        Assert.True(closed.IsClosed, $"seed {seed}: still {closed.Status}");
        Assert.Equal(0, closed.Held);
        Assert.Equal(closed.Collected, closed.Applied + closed.Refunded);
        Assert.True(closed.Outcome != SeizureOutcome.Cancelled || closed.Applied == 0, $"seed {seed}: cancelled and kept money");
        Assert.True(!closed.Frozen || closed.Released, $"seed {seed}: closed without releasing a frozen account");
        Assert.True(closed.Outcome != SeizureOutcome.DebtSatisfied || run.DebtToCover == 0, $"seed {seed}: satisfied with debt left");
        Assert.True(closed.Holdings.All(h => h.Total >= 0), $"seed {seed}: sold or remitted more than held");

        // Some accounts prove to be someone else's after the case closed: the correction gives the money back.
        if (closed.Collected > closed.ReturnedToHolder && random.Next(4) == 0)
        {
            var owedBefore = run.Outstanding;
            run.Cancel("the holder is a namesake");
            Assert.False(run.State.IsClosed, $"seed {seed}: closed with money to give back");
            run.Pass(TimeSpan.FromHours(1));
            var corrected = run.State;
            Assert.Equal(SeizureOutcome.Cancelled, corrected.Outcome);
            Assert.Equal((0L, corrected.Collected, corrected.Collected), (corrected.Applied, corrected.Refunded, corrected.ReturnedToHolder));
            Assert.Equal(closed.ClosedAt, corrected.ClosedAt);
            Assert.Equal(owedBefore + closed.Applied, run.Outstanding);
        }

        return run.History.OfType<ProceedsReturned>().Any();
    }

    /// <summary>The request an event records the answer to, if it records one.</summary>
    private static string? AnswerTo(SeizureEvent @event) => @event switch
    {
        SeizureTookEffect e => e.RequestId,
        SaleFilled e => e.RequestId,
        ProceedsReceived e => e.RequestId,
        ReleaseConfirmed e => e.RequestId,
        SeizureRejected e => e.RequestId,
        _ => null,
    };

    private static ExchangeReply Answer(SeizureRun run, ExchangeRequest request, Holding[] initial, Random random) => request.Kind switch
    {
        ExchangeRequestKind.SeizureNotice => new ExchangeReply.Frozen(request.RequestId, initial),
        ExchangeRequestKind.Sell => new ExchangeReply.Sold(request.RequestId, request.Orders.Select(o =>
        {
            var price = run.Prices[o.Asset] * (decimal)(0.95 + random.NextDouble() * 0.05);
            var gross = (long)Math.Floor(o.Quantity * price);
            return new SaleFill(o.Asset, o.Quantity, price, gross, gross / 2000);
        }).ToArray()),
        ExchangeRequestKind.RemitKrw => new ExchangeReply.Remitted(request.RequestId, request.Amount, "TR-" + request.RequestId),
        _ => new ExchangeReply.Released(request.RequestId),
    };
}
