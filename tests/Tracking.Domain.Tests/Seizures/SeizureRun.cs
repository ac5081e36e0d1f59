using Tracking.Domain.Accounts;
using Tracking.Domain.Seizures;

namespace Tracking.Domain.Tests.Seizures;

/// <summary>
/// One seizure driven through the decider with a taxpayer's debt kept beside it, as the grain
/// does: money received is held (not covering anything twice), distribution applies it in full up
/// to the debt and refunds the rest, and a cancelled seizure's money goes back.
/// </summary>
internal sealed class SeizureRun
{
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.FromHours(9));
    public static readonly IReadOnlyDictionary<string, decimal> DefaultPrices = new Dictionary<string, decimal> { ["BTC"] = 100_000_000m, ["ETH"] = 5_000_000m, ["XRP"] = 3_000m };

    public SeizureRun(long debt, SeizurePolicy? policy = null)
    {
        Outstanding = debt;
        Policy = policy ?? SeizurePolicy.Default;
    }

    public Seizure State { get; private set; } = Seizure.New("S-1");

    public List<SeizureEvent> History { get; } = [];

    public long Outstanding { get; set; }

    /// <summary>What the taxpayer's other seizures are collecting (reserved, not yet in hand).</summary>
    public long CollectingElsewhere { get; set; }

    public DateTimeOffset Now { get; set; } = Start;

    public IReadOnlyDictionary<string, decimal> Prices { get; set; } = DefaultPrices;

    public SeizurePolicy Policy { get; }

    public long DebtToCover => Math.Max(0, Outstanding - State.Held);


    public Decision<SeizureEvent> Do(SeizureCommand command, string actor = SeizureContext.SystemActor)
    {
        var decision = SeizureDecider.Decide(State, command, new SeizureContext(Now, actor, Math.Max(0, Outstanding - CollectingElsewhere), Outstanding, Prices), Policy);
        State = SeizureDecider.ApplyAll(State, decision.Events);
        History.AddRange(decision.Events);
        return decision;
    }

    public SeizureRun Opened()
    {
        Assert.False(Do(new SeizureCommand.Open("S-1", "T-1", "upbit", "UP-1", "auto: rrn", "i1"), "officer:kim").IsRejected);
        return this;
    }

    public ExchangeRequest Pending => Assert.Single(State.Pending);

    public Decision<SeizureEvent> Reply(Func<string, ExchangeReply> reply) => Do(new SeizureCommand.RecordReply(reply(Pending.RequestId)), "exchange:upbit");

    public Decision<SeizureEvent> Freeze(params Holding[] holdings) => Reply(id => new ExchangeReply.Frozen(id, holdings));

    /// <summary>The exchange executes the pending sale at the given prices with a fee rate.</summary>
    public Decision<SeizureEvent> Sell(decimal feeRate = 0.0005m, IReadOnlyDictionary<string, decimal>? at = null) => Reply(id => new ExchangeReply.Sold(
        id,
        Pending.Orders.Select(o =>
        {
            var price = (at ?? Prices)[o.Asset];
            var gross = (long)Math.Floor(o.Quantity * price);
            return new SaleFill(o.Asset, o.Quantity, price, gross, (long)Math.Ceiling(gross * feeRate));
        }).ToArray()));

    public Decision<SeizureEvent> Remit() => Reply(id => new ExchangeReply.Remitted(id, Pending.Amount, "TR-" + id));

    public Decision<SeizureEvent> Release() => Reply(id => new ExchangeReply.Released(id));

    /// <summary>Distributes every receipt now due, as the grain does with the taxpayer's ledger.</summary>
    public void DistributeDue()
    {
        while (State.DistributionDueAt(Now) is { } receipt)
        {
            var applied = Math.Min(receipt.Amount, Outstanding);
            Outstanding -= applied;
            Assert.False(Do(new SeizureCommand.RecordDistribution(receipt.TransferReference, applied, receipt.Amount - applied)).IsRejected);
        }
    }

    /// <summary>Withdraws the seizure: an officer asks, a supervisor approves.</summary>
    public void Cancel(string reason = "wrong person")
    {
        Do(new SeizureCommand.RequestCancellation(reason), "officer:park");
        Assert.False(Do(new SeizureCommand.ApproveCancellation(), "supervisor:lee").IsRejected);
    }

    /// <summary>Gives back what a cancelled seizure collected, as the grain does with the taxpayer's ledger: what paid the debt is owed again.</summary>
    public void ReturnDue()
    {
        while (State.ReturnDue is { } receipt)
        {
            var (takenBack, refundedBefore) = receipt.Distributed ? (receipt.Applied, receipt.Refunded) : (0L, 0L);
            Outstanding += takenBack;
            Assert.False(Do(new SeizureCommand.RecordReturn(receipt.TransferReference, takenBack, refundedBefore)).IsRejected);
        }
    }

    public void Pass(TimeSpan time)
    {
        Now += time;
        DistributeDue();
        ReturnDue();
        Do(new SeizureCommand.Review());
    }
}
