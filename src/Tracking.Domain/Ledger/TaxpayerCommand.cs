namespace Tracking.Domain.Ledger;

/// <summary>What may be asked of a taxpayer's ledger.</summary>
public abstract record TaxpayerCommand
{
    private TaxpayerCommand()
    {
    }

    /// <summary>Adds a tax item from the roll; the same item again is a no-op, a different one under the same id is refused.</summary>
    public sealed record AssessTaxItem(TaxItem Item) : TaxpayerCommand;

    /// <summary>Money received for this taxpayer, identified by a reference unique to the payment.</summary>
    public sealed record ReceivePayment(string Reference, long Amount, string Source, DateTimeOffset ReceivedAt) : TaxpayerCommand;
}
