using System.CommandLine;
using Tracking.Domain;
using Tracking.Domain.Ledger;
using Tracking.Grains;
using Tracking.Grains.Suspense;
using Tracking.Grains.Taxpayers;
using Tracking.Cli.Output;

namespace Tracking.Cli.Commands;

/// <summary><c>tracking taxpayer …</c>: a taxpayer's ledger — tax items, payments, history.</summary>
internal static class TaxpayerCommands
{
    private static readonly Argument<string> s_taxpayerId = new("taxpayer-id") { Description = "The taxpayer's id on the roll" };

    public static Command Create() => new("taxpayer", "A taxpayer's tax items, payments and history")
    {
        Assess(),
        Pay(),
        Show(),
        History(),
    };

    private static Command Assess()
    {
        var itemId = new Argument<string>("item-id") { Description = "The tax item's id" };
        var taxType = new Option<string>("--type") { Description = "Tax type, e.g. 지방소득세", DefaultValueFactory = _ => "unspecified" };
        var principal = new Option<long>("--principal") { Description = "Tax without penalties (본세), won", Required = true };
        var penalty = new Option<long>("--penalty") { Description = "Penalty tax (가산세), won" };
        var costs = new Option<long>("--costs") { Description = "Collection costs (체납처분비), won" };
        var due = new Option<DateOnly>("--due") { Description = "Due date, YYYY-MM-DD", Required = true };
        var command = new Command("assess", "Add a tax item to a taxpayer (the same item again changes nothing)")
        {
            s_taxpayerId, itemId, taxType, principal, penalty, costs, due,
        };
        command.SetAction((result, ct) => CliAction.RunAsync(result, ct, async tracking =>
        {
            var item = new TaxItem(result.GetValue(itemId)!, result.GetValue(taxType)!, result.GetValue(due), result.GetValue(principal), result.GetValue(penalty), result.GetValue(costs));
            var view = await tracking.Grains.GetGrain<ITaxpayerGrain>(result.GetValue(s_taxpayerId)!).AssessAsync([item], ct);
            ResultWriter.Write(view, result.GetValue(GlobalOptions.Json), WriteView);
        }));
        return command;
    }

    private static Command Pay()
    {
        var amount = new Argument<long>("amount") { Description = "Amount received, won" };
        var reference = new Option<string>("--reference") { Description = "The payment's unique reference; the same reference twice is applied once", Required = true };
        var source = new Option<string>("--source") { Description = "Where the money came from", DefaultValueFactory = _ => "voluntary" };
        var command = new Command("pay", "Apply a payment in the legal order: costs, then tax, then penalties; for a taxpayer not on the roll it is held in suspense")
        {
            s_taxpayerId, amount, reference, source,
        };
        command.SetAction((result, ct) => CliAction.RunAsync(result, ct, async tracking =>
        {
            var outcome = await new PaymentIntake(tracking).ReceiveAsync(
                result.GetValue(s_taxpayerId)!, result.GetValue(reference)!, result.GetValue(amount), result.GetValue(source)!, $"entered by officer:{Environment.UserName} (command line)", ct);
            ResultWriter.Write(outcome, result.GetValue(GlobalOptions.Json), WriteOutcome);
        }));
        return command;
    }

    private static Command Show()
    {
        var command = new Command("show", "Show a taxpayer's items and what is still owed") { s_taxpayerId };
        command.SetAction((result, ct) => CliAction.RunAsync(result, ct, async tracking =>
        {
            var view = await tracking.Grains.GetGrain<ITaxpayerGrain>(result.GetValue(s_taxpayerId)!).GetAsync(ct);
            ResultWriter.Write(view, result.GetValue(GlobalOptions.Json), WriteView);
        }));
        return command;
    }

    private static Command History()
    {
        var command = new Command("history", "Show every recorded event of a taxpayer's ledger, oldest first") { s_taxpayerId };
        command.SetAction((result, ct) => CliAction.RunAsync(result, ct, async tracking =>
        {
            var history = await tracking.Grains.GetGrain<ITaxpayerGrain>(result.GetValue(s_taxpayerId)!).GetHistoryAsync(ct);
            ResultWriter.Write(history, result.GetValue(GlobalOptions.Json), WriteHistory);
        }));
        return command;
    }

    private static void WriteView(TaxpayerView view)
    {
        Console.WriteLine(Say.T("Taxpayer {0} (version {1})", view.TaxpayerId, view.Version));
        foreach (var balance in view.Items)
        {
            var item = balance.Item;
            Console.WriteLine($"  {item.ItemId,-12} {item.TaxType,-10} due {item.DueDate:yyyy-MM-dd}  costs {Won.Format(balance.Outstanding(TaxComponent.Costs))}  tax {Won.Format(balance.Outstanding(TaxComponent.Principal))}  penalty {Won.Format(balance.Outstanding(TaxComponent.Penalty))}");
        }

        Console.WriteLine(Say.T("Outstanding {0} (costs {1}, tax {2}, penalty {3})", Won.Format(view.Outstanding), Won.Format(view.OutstandingCosts), Won.Format(view.OutstandingPrincipal), Won.Format(view.OutstandingPenalty)));
        Console.WriteLine(Say.T("Received {0}, refund due {1}", Won.Format(view.TotalReceived), Won.Format(view.TotalRefundDue))
            + (view.TotalReturned > 0 ? Say.T(", returned with cancelled seizures {0}", Won.Format(view.TotalReturned)) : ""));
    }

    private static void WriteOutcome(PaymentOutcome outcome)
    {
        if (outcome.Receipt is not { } receipt)
        {
            Console.WriteLine(outcome.Duplicate
                ? Say.T("The payment is already held in suspense; nothing changed.")
                : Say.T("The taxpayer is not on the roll: the payment is held in suspense until an officer assigns or returns it (`payments suspense`)."));
            return;
        }

        if (receipt.Duplicate)
        {
            Console.WriteLine(Say.T("Payment {0} was already applied; nothing changed.", receipt.Reference));
        }
        else
        {
            foreach (var allocation in receipt.Allocations)
            {
                Console.WriteLine($"  {allocation.ItemId,-12} {allocation.Component,-9} {Won.Format(allocation.Amount)}");
            }

            Console.WriteLine(Say.T("Payment {0} applied; refund {1}", receipt.Reference, Won.Format(receipt.Refund)));
        }

        Console.WriteLine(Say.T("Outstanding {0}", Won.Format(receipt.OutstandingAfter)));
    }

    private static void WriteHistory(IReadOnlyList<TaxpayerHistoryEntry> history)
    {
        foreach (var entry in history)
        {
            var what = entry.Event switch
            {
                TaxItemAssessed a => $"item {a.Item.ItemId} assessed: tax {Won.Format(a.Item.Principal)}, penalty {Won.Format(a.Item.Penalty)}, costs {Won.Format(a.Item.Costs)}",
                PaymentApplied p => $"payment {p.Reference} of {Won.Format(p.Amount)} from {p.Source} applied; refund {Won.Format(p.Refund)}",
                PaymentReversed r => $"payment {r.Reference} taken back ({Won.Format(r.Allocations.Sum(a => a.Amount))} owed again): its seizure was cancelled",
                HeldProceedsReturned h => $"{Won.Format(h.Amount)} held under {h.Reference} returned: seizure {h.SeizureId} was cancelled",
                _ => entry.Event.GetType().Name,
            };
            Console.WriteLine($"v{entry.Version,-4} {KoreaTime.Seconds(entry.RecordedAt)}  {what}");
        }
    }
}
